// PLACEHOLDER: replaced by the section's owner.
import { FunctionSpec } from "./spec";
export const DELIVERY_FUNCTIONS: FunctionSpec[] = [];

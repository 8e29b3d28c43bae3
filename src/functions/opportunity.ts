// PLACEHOLDER: replaced by the section's owner.
import { FunctionSpec } from "./spec";
export const OPPORTUNITY_FUNCTIONS: FunctionSpec[] = [];

// PLACEHOLDER: replaced by the section's owner.
import { FunctionSpec } from "./spec";
export const PROJECT_FUNCTIONS: FunctionSpec[] = [];

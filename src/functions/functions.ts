/*
 * Entry of the custom-functions bundle (shared runtime). The section files
 * hold the JSDoc-tagged functions; CustomFunctionsMetadataPlugin generates
 * functions.json from them and appends their CustomFunctions.associate calls,
 * which associateGuard makes harmless outside Excel (imports run in order).
 */
import { removeAssociateStandIn } from "./associateGuard";
import "./opportunity";
import "./project";
import "./delivery";
import "./receivables";
import "./rulebook";

removeAssociateStandIn();

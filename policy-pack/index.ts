import { PolicyPack } from "@pulumi/policy";
import { memoizeStructConversion } from "./lib/structMemo";
import { policies } from "./policies";

// Before the server starts: each request's properties are then converted once, not once per policy.
memoizeStructConversion();

new PolicyPack("audit-log-bucket", { policies });

import { AuditLogBucketPolicies } from "./library";

// The pack as `pulumi preview --policy-pack <this directory>` runs it: every policy at its own level, configured by
// --policy-pack-config. The same class is what a pack project of your own imports from "audit-log-bucket/policy-pack".
new AuditLogBucketPolicies();

// A pack project of your own, in the `pulumi policy new` shape, built on the audit-log-bucket package: its rules,
// at the levels and with the settings your organization wants. Run it with
// `pulumi preview --policy-pack <this directory>` (after `npm install` here).
import { AuditLogBucketPolicies } from "audit-log-bucket/policy-pack";

new AuditLogBucketPolicies({
    "audit-log-retention": { enforcementLevel: "mandatory", minRetentionDays: 730 },
    "audit-log-object-lock": "mandatory",
});

import { describe } from "../lib/buckets";
import { Finding, bucketStackPolicy } from "../lib/rule";

export const auditLogNoWebsite = bucketStackPolicy(
    {
        name: "audit-log-no-website",
        description: "Audit-log buckets have no static website configuration: logs are never served over a website endpoint.",
        enforcementLevel: "mandatory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] =>
            view.website.map((setting) => `${describe(view)} has a website configuration (${setting.inline ? "inline on the bucket" : setting.from.name}): remove it.`),
    },
    [],
);

export const auditLogNoCors = bucketStackPolicy(
    {
        name: "audit-log-no-cors",
        description: "Audit-log buckets have no CORS configuration: no browser origin may read or write the logs.",
        enforcementLevel: "mandatory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] => view.cors.map((setting) => `${describe(view)} has a CORS configuration (${setting.inline ? "inline on the bucket" : setting.from.name}): remove it.`),
    },
    [],
);

/** The bucket's name and S3's naming rules (Amazon S3 User Guide, "General purpose bucket naming rules"). */

/** Where a bucket's name is unique: S3's shared global namespace, or the account's own regional one. */
export type NamespaceKind = "global" | "account-regional";

/**
 * The suffix S3 requires of a name in the account-regional namespace, after `-<account>-<region>`
 * (S3 API reference, CreateBucket's bucket namespace: `bucket-name-prefix-accountId-region-an`).
 */
// AWS-S3-602: <prefix>-<account>-<region>-an
export const ACCOUNT_REGIONAL_SUFFIX = "-an";

/**
 * Regions where S3 does not offer the account-regional namespace (S3 user guide, "Namespaces for general purpose
 * buckets": every region but Middle East (Bahrain) and Middle East (UAE)). Nothing was found either way for GovCloud
 * and China, so they are not listed: only what AWS says is refused.
 */
// AWS-S3-603: not offered in me-south-1 and me-central-1
export const ACCOUNT_REGIONAL_UNAVAILABLE_REGIONS: readonly string[] = ["me-south-1", "me-central-1"];

/**
 * `<namePrefix>-<accountId>-<region>`, and in the account-regional namespace `<namePrefix>-<accountId>-<region>-an`,
 * which is exactly the form S3 requires there: the package's names already carry the account and region.
 */
export function bucketName(namePrefix: string, accountId: string, region: string, namespace: NamespaceKind = "global"): string {
    return `${namePrefix}-${accountId}-${region}${namespace === "account-regional" ? ACCOUNT_REGIONAL_SUFFIX : ""}`;
}

/**
 * Every rule of the account-regional namespace that `name` breaks for `accountId` in `region`, as sentences: the
 * suffix S3 requires, and the region S3 offers it in. S3's general naming rules (bucketNameProblems) apply too.
 */
export function accountRegionalNameProblems(name: string, accountId: string, region: string): string[] {
    const problems: string[] = [];
    const suffix = `-${accountId}-${region}${ACCOUNT_REGIONAL_SUFFIX}`;
    if (!name.endsWith(suffix) || name.length === suffix.length) {
        problems.push(`must be a prefix followed by "${suffix}" (the account, the region and "${ACCOUNT_REGIONAL_SUFFIX}")`);
    }
    if (ACCOUNT_REGIONAL_UNAVAILABLE_REGIONS.includes(region)) {
        problems.push(`is not offered in ${region}: S3 has no account-regional namespace in ${ACCOUNT_REGIONAL_UNAVAILABLE_REGIONS.join(" or ")}; leave bucketNamespace "global" there`);
    }
    return problems;
}

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Every rule of S3's that `name` breaks, as sentences; empty when S3 would accept it. */
export function bucketNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length < 3 || name.length > 63) {
        problems.push(`must be 3 to 63 characters long (it is ${name.length})`);
    }
    if (!/^[a-z0-9.-]*$/.test(name)) {
        problems.push("may contain only lowercase letters, digits, dots and hyphens");
    }
    if (name.length > 0 && !/^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$/.test(name)) {
        problems.push("must begin and end with a lowercase letter or digit");
    }
    if (name.includes("..")) {
        problems.push("must not contain two adjacent dots");
    }
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
        problems.push("must not be formatted as an IP address");
    }
    for (const prefix of RESERVED_PREFIXES) {
        if (name.startsWith(prefix)) {
            problems.push(`must not start with the reserved prefix "${prefix}"`);
        }
    }
    for (const suffix of RESERVED_SUFFIXES) {
        if (name.endsWith(suffix)) {
            problems.push(`must not end with the reserved suffix "${suffix}"`);
        }
    }
    return problems;
}

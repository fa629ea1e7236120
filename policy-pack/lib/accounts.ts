/**
 * The account, region and partition a resource is deployed to, as the stack itself shows them: the pack's
 * `accountIds` knob, else the provider's `allowedAccountIds`, else what resources of the same provider carry (the
 * ARNs of keys and other resources, the account public access block's `accountId`, the component's bucket naming
 * `network-compliance-logs-<account>-<region>`). A stack that shows two accounts for one provider shows none.
 */
import type { PolicyResource } from "@pulumi/policy";
import { propsOf } from "./buckets";
import { KeyView, keyOfEncryption, keyViews } from "./keys";
import { at, entries } from "./read";
import { isType } from "./types";
import { isUnknown, knownString, plainProps } from "./unknowns";

export interface Where {
    /** The accounts that own the resource: one when learnt from the stack, the configured list otherwise. */
    accounts: string[];
    /** Where the accounts come from, said in a message: "the policy's accountIds", "the ARN of key logs-key", ... */
    accountsFrom?: string;
    region?: string;
    partition?: string;
}

const ACCOUNT = /^\d{12}$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):/;
/** The component's own bucket naming (components/naming.ts): `<prefix><account>-<region>`. */
const COMPONENT_BUCKET = /^network-compliance-logs-(\d{12})-((?:[a-z]{2}(?:-gov|-iso[a-z]?)?)-[a-z]+-\d)$/;

export function partitionOfRegion(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** A list-valued provider input: @pulumi/policy hands provider config over as a JSON string. */
function listInput(value: unknown): string[] {
    let list: unknown = value;
    if (typeof value === "string" && !isUnknown(value)) {
        try {
            const parsed: unknown = JSON.parse(value);
            list = Array.isArray(parsed) ? parsed : [value];
        } catch {
            list = [value];
        }
    }
    return Array.isArray(list) ? list.filter((account): account is string => typeof account === "string" && ACCOUNT.test(account)) : [];
}

const providerUrn = (resource: PolicyResource): string | undefined => resource.provider?.urn;

interface Evidence {
    account: string;
    from: string;
    region?: string;
    partition?: string;
}

/** What one resource shows of its provider's account and region. */
function evidenceOf(resource: PolicyResource, keys: readonly KeyView[]): Evidence[] {
    const props = propsOf(resource);
    const found: Evidence[] = [];
    const arn = knownString(props.arn);
    const parsed = arn !== undefined ? ARN.exec(arn) : null;
    if (parsed) {
        found.push({ account: parsed[4], from: `the ARN of ${resource.name}`, region: parsed[3] || undefined, partition: parsed[1] });
    }
    if (isType(resource.type, "accountPublicAccessBlock")) {
        const account = knownString(props.accountId);
        if (account !== undefined && ACCOUNT.test(account)) {
            found.push({ account, from: `the account public access block ${resource.name}` });
        }
    }
    if (isType(resource.type, "bucket")) {
        const name = knownString(props.bucket) ?? knownString(props.bucketName);
        const named = name !== undefined ? COMPONENT_BUCKET.exec(name) : null;
        if (named) {
            found.push({ account: named[1], from: `the name of ${resource.name}`, region: named[2], partition: partitionOfRegion(named[2]) });
        }
    }
    // A key of the stack named by its ARN in a bucket's encryption, a trail or a delivery channel: the key's account.
    const keyArns: [string, unknown][] = [
        ["kmsKeyId", props.kmsKeyId],
        ["s3KmsKeyArn", props.s3KmsKeyArn],
        ...entries(props.rules).map((rule): [string, unknown] => ["rules", at(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")]),
    ];
    for (const [property, keyArn] of keyArns) {
        const value = knownString(keyArn);
        const keyParsed = value !== undefined ? ARN.exec(value) : null;
        if (!keyParsed) {
            continue;
        }
        const urns = (resource.propertyDependencies?.[property] ?? []).map((dependency) => dependency.urn);
        const reference = keyOfEncryption(value, urns, keys);
        if (reference.kind === "key" && providerUrn(reference.key.key) === providerUrn(resource)) {
            found.push({ account: keyParsed[4], from: `the ARN of key ${reference.key.key.name}`, region: keyParsed[3], partition: keyParsed[1] });
        }
    }
    return found;
}

/**
 * Where a resource is deployed. `configured` is the pack's own knob (the owners of every bucket of the stack); the
 * provider's `allowedAccountIds` comes next; the stack's evidence last, and only when it names a single account.
 */
export function whereDeployed(resource: PolicyResource, resources: readonly PolicyResource[], configured: readonly string[] = []): Where {
    const providerProps = plainProps(resource.provider?.props);
    const ownProps = propsOf(resource);
    const region = knownString(ownProps.region) ?? knownString(providerProps.region);
    const sameProvider = resources.filter((candidate) => providerUrn(candidate) === providerUrn(resource));
    const keys = keyViews(resources);
    const evidence = sameProvider.flatMap((candidate) => evidenceOf(candidate, keys));
    const learntRegion = region ?? evidence.find((item) => item.region !== undefined)?.region;
    const partition = learntRegion !== undefined ? partitionOfRegion(learntRegion) : evidence.find((item) => item.partition !== undefined)?.partition;
    const base = { region: learntRegion, partition };
    if (configured.length > 0) {
        return { ...base, accounts: [...configured], accountsFrom: "the policy's accountIds" };
    }
    const allowed = listInput(providerProps.allowedAccountIds);
    if (allowed.length > 0) {
        return { ...base, accounts: allowed, accountsFrom: "the provider's allowedAccountIds" };
    }
    const accounts = [...new Set(evidence.map((item) => item.account))];
    if (accounts.length !== 1) {
        return { ...base, accounts: [] };
    }
    return { ...base, accounts, accountsFrom: evidence[0].from };
}

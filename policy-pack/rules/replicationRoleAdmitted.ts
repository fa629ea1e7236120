import { AccessRequest, PolicyVerdict, Tri, decide } from "../lib/accessEvaluator";
import { BucketView, bucketStatements, describe } from "../lib/buckets";
import { Destination, destinationAccount, destinationsOf, regionOf } from "../lib/replication";
import { keyPlace, keyPolicyDocuments, replicaKeyOf, resourceVerdict, roleContext, roleOf, rolePolicies, identityVerdict, usesBucketKey, viaService } from "../lib/replicationAccess";
import { Finding, StackContext, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown, knownString } from "../lib/unknowns";

/** Why a request is refused, read from the verdicts that refused it. */
function refusal(identity: PolicyVerdict, resource: PolicyVerdict, sameAccount: Tri, owner: string): string {
    if (resource.deny === true) {
        return `denied by the ${owner} (exempt the role from that Deny, for example by aws:PrincipalArn)`;
    }
    if (identity.deny === true) {
        return "denied by the role's own IAM policy";
    }
    // AWS-S3-151: a destination in another account must grant the replication itself.
    if (sameAccount !== true && resource.allow === false && resource.allowAccount === false) {
        return `not granted by the ${owner}, which must name the role or its account when they are in different accounts`;
    }
    return sameAccount === true && resource.allow === false && identity.allow === true ? `not granted by the ${owner}, which must name the role or delegate to its account` : "not allowed by the role's own IAM policies";
}

interface Check {
    what: string;
    owner: string;
    service: "s3" | "kms";
    request: AccessRequest;
    sameAccount: Tri;
    resource: PolicyVerdict;
}

function sameAccountAs(roleAccount: string | undefined, account: string | undefined, sharesProvider: boolean): Tri {
    if (roleAccount !== undefined && account !== undefined) {
        return roleAccount === account;
    }
    return sharesProvider ? true : "unknown";
}

/** The requests replication makes into a destination of the stack, and the destination's key of the stack. */
function checksFor(source: BucketView, destination: Destination, roleArn: string, context: StackContext): Check[] | string {
    const checks: Check[] = [];
    const roleAccount = roleContext(roleArn)["aws:PrincipalAccount"];
    const vault = destination.view;
    const partition = /^arn:(aws(?:-cn|-us-gov)?):/.exec(String(destination.rule.destinationBucket))?.[1] ?? "aws";
    const bucketArn = destination.name === undefined ? UNKNOWN_ARN : `arn:${partition}:s3:::${destination.name}`;
    if (vault) {
        const { unknown } = bucketStatements(vault);
        if (unknown.length > 0) {
            return `the bucket policy of ${describe(vault)} is not known yet`;
        }
        const documents = vault.policies.map((policy) => policy.document);
        const prefix = typeof destination.rule.prefix === "string" ? destination.rule.prefix : "";
        // AWS-S3-150: the role writes replicas with s3:ReplicateObject, and delete markers with s3:ReplicateDelete.
        const actions = ["s3:ReplicateObject", ...(destination.rule.deleteMarkers === true ? ["s3:ReplicateDelete"] : [])];
        const sameAccount = sameAccountAs(roleAccount, destinationAccount(destination), vault.bucket.provider?.urn === source.bucket.provider?.urn);
        for (const action of actions) {
            const request = { principal: roleArn, action, resource: `${bucketArn}/${prefix}replica-object`, context: roleContext(roleArn) };
            checks.push({ what: `write into ${describe(vault)} (${action})`, owner: "destination's bucket policy", service: "s3", request, sameAccount, resource: resourceVerdict(documents, request) });
        }
    }
    const key = replicaKeyOf(destination, context);
    if (key) {
        const place = keyPlace(key, destination.rule.replicaKmsKeyId);
        // A key with no policy of its own, in an account not known, is left alone: its default policy cannot be read.
        const documents = keyPolicyDocuments(key, place.account) ?? [];
        if (documents.length === 0) {
            return checks;
        }
        const bucketKey = usesBucketKey(vault) || usesBucketKey(source);
        const region = (vault ? regionOf(vault.bucket).region : undefined) ?? place.region;
        // AWS-KMS-150: kms:Encrypt of the replica key; AWS-KMS-151: with a Bucket Key, kms:Decrypt too, and the context is the bucket ARN.
        // AWS-KMS-153: kms:GenerateDataKey only for unencrypted source objects, which S3 no longer creates: not required.
        const actions = ["kms:Encrypt", ...(bucketKey ? ["kms:Decrypt"] : [])];
        const encryptionContext = bucketKey ? bucketArn : `${bucketArn}/replica-object`;
        const sameAccount = sameAccountAs(roleAccount, place.account, key.key.provider?.urn === source.bucket.provider?.urn);
        for (const action of actions) {
            const request = {
                principal: roleArn,
                action,
                resource: place.arn ?? UNKNOWN_ARN,
                context: roleContext(roleArn, { "kms:CallerAccount": roleAccount, "kms:ViaService": viaService(region), "kms:EncryptionContext:aws:s3:arn": encryptionContext }),
            };
            checks.push({ what: `use KMS key ${key.key.name} (${action})`, owner: "key policy", service: "kms", request, sameAccount, resource: resourceVerdict(documents, request) });
        }
    }
    return checks;
}

const UNKNOWN_ARN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const replicationRoleAdmitted = bucketStackPolicy(
    {
        name: "s3-replication-role-admitted",
        description: "Every replication rule's role may write into its destination and use the destination's KMS key: the destination's bucket policy, the key policy and the role's own IAM policies, where the stack declares them, admit s3:ReplicateObject and kms:Encrypt (and kms:Decrypt with a Bucket Key). Otherwise replication fails silently.",
        enforcementLevel: "mandatory",
        check: (view, _config, context): Finding[] => {
            const findings: Finding[] = [];
            for (const destination of destinationsOf(view, context)) {
                if (!destination.view && !replicaKeyOf(destination, context)) {
                    continue;
                }
                const rule = `replication rule ${knownString(destination.rule.id) ?? "(no id)"} of ${describe(view)}`;
                const role = roleOf(destination.setting, context);
                if (role.arn === undefined) {
                    findings.push(pending(`${rule} replicates as a role not known yet.`));
                    continue;
                }
                const checks = checksFor(view, destination, role.arn, context);
                if (typeof checks === "string") {
                    findings.push(pending(`${rule}: ${checks}.`));
                    continue;
                }
                const policies = role.resource ? rolePolicies(role.resource, context) : undefined;
                for (const check of checks) {
                    const identity = identityVerdict(policies, check.request);
                    const allowed = decide({ service: check.service, sameAccount: check.sameAccount, identity, resource: check.resource });
                    if (allowed === false) {
                        findings.push(`${rule} cannot ${check.what} as ${role.arn}: it is ${refusal(identity, check.resource, check.sameAccount, check.owner)}. Replication would leave objects FAILED.`);
                    } else if (allowed === "unknown") {
                        const waits = isUnknown(check.request.context["kms:ViaService"]) ? "the key's region" : "a policy or an account";
                        findings.push(pending(`whether ${rule} may ${check.what} as ${role.arn} depends on ${waits} not known yet.`));
                    }
                }
            }
            return findings;
        },
    },
    [],
);

import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../components/constants";

/** What the mocks answer for the caller's identity: the account the credentials would belong to. */
export interface MockIdentity {
    accountId: string;
    region: string;
}

export interface AwsMocksOptions {
    /**
     * Answer as a provider does in `pulumi preview` for a resource it is about to create: the inputs echoed, no id,
     * and every computed attribute (ARN, key id, tagsAll, ...) left out, which the SDK then treats as unknown.
     * @default false
     */
    preview?: boolean;
}

/**
 * Mocks that answer the way AWS would. As deployed: buckets are identified by their name and get
 * `arn:aws:s3:::<name>`, keys get a UUID and a regional ARN, settings resources are identified by their bucket. In a
 * preview, only what the program gave is known. Either way the caller-identity call returns the account the stack's
 * config names (data sources are read during a preview too).
 */
export class AwsMocks implements pulumi.runtime.Mocks {
    private readonly preview: boolean;

    constructor(
        private readonly identity: MockIdentity,
        options: AwsMocksOptions = {},
    ) {
        this.preview = options.preview ?? false;
    }

    /** The account each explicit provider is pinned to (its allowedAccountIds), by the provider's name. */
    private readonly providerAccounts = new Map<string, string>();

    /** The account a resource is created in: its provider's, where the program pins one (a vault's), else the caller's. */
    private accountOf(args: pulumi.runtime.MockResourceArgs): string {
        // A provider reference is "<provider URN>::<id>"; the URN ends in "::<name>".
        const parts = args.provider?.split("::") ?? [];
        return (parts.length >= 2 ? this.providerAccounts.get(parts[parts.length - 2]) : undefined) ?? this.identity.accountId;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const inputs = args.inputs as Record<string, unknown>;
        if (args.type === "pulumi:providers:aws") {
            const allowed = typeof inputs.allowedAccountIds === "string" ? (JSON.parse(inputs.allowedAccountIds) as unknown) : inputs.allowedAccountIds;
            if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") {
                this.providerAccounts.set(args.name, allowed[0]);
            }
        }
        if (this.preview) {
            // A create in preview: the provider knows its inputs (unknown ones stay unknown) and nothing it computes.
            return { id: undefined, state: { ...inputs } };
        }
        const region = (inputs.region as string | undefined) ?? this.identity.region;
        const partition = partitionOf(region);
        switch (args.type) {
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2": {
                const name = (inputs.bucket as string | undefined) ?? `${(inputs.bucketPrefix as string | undefined) ?? args.name}-${hex(args.name, 8)}`;
                return {
                    id: name,
                    state: {
                        ...inputs,
                        bucket: name,
                        arn: `arn:${partition}:s3:::${name}`,
                        region,
                        bucketDomainName: `${name}.s3.amazonaws.com`,
                        bucketRegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
                        hostedZoneId: "Z3AQBSTGFYJSTF",
                        tagsAll: inputs.tags ?? {},
                    },
                };
            }
            case "aws:kms/key:Key": {
                const keyId = uuid(args.name);
                return {
                    id: keyId,
                    state: { ...inputs, keyId, arn: `arn:${partition}:kms:${region}:${this.accountOf(args)}:key/${keyId}`, tagsAll: inputs.tags ?? {} },
                };
            }
            case "aws:kms/alias:Alias": {
                const name = inputs.name as string;
                return { id: name, state: { ...inputs, arn: `arn:${partition}:kms:${region}:${this.accountOf(args)}:${name}`, targetKeyArn: "" } };
            }
            case "aws:s3/bucketObjectv2:BucketObjectv2":
            case "aws:s3/bucketObject:BucketObject": {
                const key = inputs.key as string;
                return { id: key, state: { ...inputs, etag: createHash("md5").update(String(inputs.content ?? "")).digest("hex"), versionId: hex(args.name, 32) } };
            }
            case "aws:cloudtrail/trail:Trail": {
                const name = (inputs.name as string | undefined) ?? args.name;
                const arn = `arn:${partition}:cloudtrail:${region}:${this.identity.accountId}:trail/${name}`;
                return { id: arn, state: { ...inputs, name, arn, homeRegion: region } };
            }
            case "aws:iam/role:Role": {
                const name = (inputs.name as string | undefined) ?? `${args.name}-${hex(args.name, 7)}`;
                return { id: name, state: { ...inputs, name, arn: `arn:${partition}:iam::${this.identity.accountId}:role/${name}`, uniqueId: `AROA${hex(name, 16).toUpperCase()}` } };
            }
            default: {
                // Settings resources (versioning, policy, lifecycle, ...) are identified by their bucket, as in AWS.
                const id = (inputs.bucket as string | undefined) ?? (inputs.name as string | undefined) ?? `${args.name}-id`;
                return { id, state: { ...inputs } };
            }
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: this.identity.accountId,
                    arn: `arn:${partitionOf(this.identity.region)}:iam::${this.identity.accountId}:user/offline-preview`,
                    userId: "AIDAOFFLINEPREVIEW",
                    id: this.identity.accountId,
                };
            case "aws:index/getPartition:getPartition":
                return { partition: partitionOf(this.identity.region), dnsSuffix: "amazonaws.com", id: partitionOf(this.identity.region) };
            case "aws:index/getRegion:getRegion":
                return { name: this.identity.region, region: this.identity.region, id: this.identity.region };
            default:
                throw new Error(`the offline preview does not answer ${args.token}: only caller identity, partition and region`);
        }
    }
}

function hex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

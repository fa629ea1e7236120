import { Finding, pending, resourcePolicy } from "../lib/rule";
import { at } from "../lib/read";
import { TYPES, isNative } from "../lib/types";
import { isUnknown } from "../lib/unknowns";
import { PUBLIC_ACCESS_SETTINGS } from "./bucketBlocksPublicAccess";

const MULTI_REGION_AWS: string = TYPES.accessPoint[1];

/** Where each type carries its block: `details.publicAccessBlock` on s3control's Multi-Region Access Point. */
function blockOf(props: Record<string, unknown>, type: string): { block: unknown; path: string } {
    return type === MULTI_REGION_AWS ? { block: at(props.details, "publicAccessBlock"), path: "details.publicAccessBlock" } : { block: props.publicAccessBlockConfiguration, path: "publicAccessBlockConfiguration" };
}

/**
 * A setting left out of a block that is given. `@pulumi/aws` documents each setting of both blocks as "Defaults to
 * `true`" (AccessPointPublicAccessBlockConfiguration, MultiRegionAccessPointDetailsPublicAccessBlock). aws-native
 * passes the block to CloudFormation, whose schema gives these settings no default: a left-out one is not shown to be
 * on, so it counts as off, and the fix is to write it.
 */
function settingValue(block: unknown, setting: string, native: boolean): unknown {
    const value = at(block, setting);
    return value === undefined && !native ? true : value;
}

export const accessPointBlocksPublicAccess = resourcePolicy(
    {
        name: "s3-access-point-blocks-public-access",
        description: "Every S3 access point and Multi-Region Access Point keeps all four Block Public Access settings on (AWS's default when the block is left out).",
        enforcementLevel: "mandatory",
        types: TYPES.accessPoint,
        check: (props, name, type): Finding[] => {
            const { block, path } = blockOf(props, type);
            if (isUnknown(block)) {
                return [pending(`${name} takes its ${path} from a value not known yet.`)];
            }
            // S3 user guide: "All block public access settings are enabled by default for access points" (Managing
            // public access to access points) and "By default, all Block Public Access settings are enabled for a
            // Multi-Region Access Point" (Blocking public access with Multi-Region Access Points).
            if (block === undefined || block === null) {
                return [];
            }
            const native = isNative(type);
            const values = PUBLIC_ACCESS_SETTINGS.map((setting) => [setting, settingValue(block, setting, native)] as const);
            const off = values.filter(([, value]) => value !== true && !isUnknown(value)).map(([setting]) => setting);
            const unknown = values.filter(([, value]) => isUnknown(value)).map(([setting]) => setting);
            return [
                // Neither kind can change its settings after creation (same guide pages): the fix replaces it.
                ...(off.length > 0 ? [`${name} leaves public access open through the access point: set ${off.map((s) => `${s}: true`).join(", ")} in its ${path} (the access point is replaced to change it).`] : []),
                ...(unknown.length > 0 ? [pending(`${name} sets ${unknown.join(", ")} of its ${path} from values not known yet.`)] : []),
            ];
        },
    },
    ["SH S3.19", "SH S3.24", "CKV_AWS_392", "s3_access_point_public_access_block", "s3_multi_region_access_point_public_access_block"],
);

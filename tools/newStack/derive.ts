import { parseArn } from "../../components/arns";
import { CONFIG_NAMESPACE } from "../../components/config";
import { partitionOf } from "../../components/constants";
import type { StackTarget, TargetProblem } from "./targets";

/** A stack file's `config:` map as YAML holds it (strings, lists, maps). */
export type RawConfig = Record<string, unknown>;

/** Where the source stack lives: its account and region, read from its own config. */
export interface SourceStack {
    name: string;
    config: RawConfig;
    account: string;
    region: string;
}

export interface DerivedStack {
    target: StackTarget;
    config: RawConfig;
    /** Every value that was re-pointed to the new account or region, said out loud. */
    changes: string[];
    /** Every ARN carried over unchanged, and why: the management account's, or another account's. */
    kept: string[];
}

/**
 * Organization-level keys: they name the organization or its management and member accounts, not the stack's
 * own account, so they carry over unchanged.
 */
const ORGANIZATION_KEYS = new Set(["organizationId", "managementAccountId", "sourceAccountIds"].map((key) => `${CONFIG_NAMESPACE}:${key}`));

/** Reads the account and region a stack file is for; the account from accountId, else the allowed accounts. */
export function sourceStack(name: string, config: RawConfig): { source?: SourceStack; problems: TargetProblem[] } {
    const where = `--from ${name}`;
    const allowed = config["aws:allowedAccountIds"];
    const account = config[`${CONFIG_NAMESPACE}:accountId`] ?? (Array.isArray(allowed) && allowed.length === 1 ? allowed[0] : undefined);
    const region = config["aws:region"];
    const problems: TargetProblem[] = [];
    if (typeof account !== "string" || !/^\d{12}$/.test(account)) {
        problems.push({ where, field: `${CONFIG_NAMESPACE}:accountId`, value: account, rule: "must name the source stack's one account (or aws:allowedAccountIds one account), so its account-specific values can be re-pointed" });
    }
    if (typeof region !== "string") {
        problems.push({ where, field: "aws:region", value: region, rule: "must be set in the source stack" });
    }
    return problems.length > 0 ? { problems } : { source: { name, config, account: account as string, region: region as string }, problems };
}

/**
 * The source's config for another account and region. The account itself, the allowed accounts and the region are
 * set to the target's; every ARN or name that carries the source's account is re-pointed to the target's account
 * (and its region, where it carried the source's region) and reported; values that cannot be re-pointed (a KMS
 * key, which exists in one account and region; a secret, encrypted for the source stack only) are refused.
 */
export function deriveConfig(source: SourceStack, target: StackTarget): { derived?: DerivedStack; problems: TargetProblem[] } {
    const where = `stack ${target.name}`;
    const problems: TargetProblem[] = [];
    const changes: string[] = [];
    const kept: string[] = [];
    const config: RawConfig = {};
    const sameAccount = source.account === target.account;
    const management = managementAccount(source);
    for (const [key, value] of Object.entries(source.config)) {
        if (key === "aws:region") {
            config[key] = target.region;
        } else if (key === "aws:allowedAccountIds") {
            config[key] = [target.account];
        } else if (key === `${CONFIG_NAMESPACE}:accountId`) {
            config[key] = target.account;
        } else if (value !== null && typeof value === "object" && "secure" in value) {
            problems.push({ where, field: key, value: "(secret)", rule: `is a secret of stack ${source.name}, encrypted for it alone: set it on the new stack with pulumi config set --secret` });
        } else if (ORGANIZATION_KEYS.has(key) || (sameAccount && source.region === target.region)) {
            config[key] = value;
        } else if (key === `${CONFIG_NAMESPACE}:cloudTrailArns` && source.config[`${CONFIG_NAMESPACE}:organizationId`] !== undefined) {
            // With an organization, the listed trails are the organization trail's, which the management account
            // owns (AWS-CT-500): never re-pointed. With organizationId alone the source is that management account,
            // and its trail delivers to its own bucket only: a stack in another account drops it and admits that
            // account's own trails (the component's default), as the component requires (AWS-CT-003).
            const ownTrailsOnly = management === undefined && !sameAccount;
            const trails = arnsIn(value);
            const keptTrails = ownTrailsOnly ? trails.filter((arn) => parseArn(arn)?.account !== source.account) : trails;
            if (keptTrails.length > 0) {
                config[key] = keptTrails.length === trails.length ? value : JSON.stringify(keptTrails);
            }
            for (const arn of trails) {
                if (keptTrails.includes(arn)) {
                    kept.push(`${key}: ${arn} (the organization trail, owned by the management account ${parseArn(arn)?.account}: not re-pointed)`);
                } else {
                    changes.push(`${key}: ${arn} → dropped (the organization trail of ${source.name}'s account ${source.account}, the management account, delivers to that account's bucket only; this stack admits ${target.account}'s own trails)`);
                }
            }
        } else if (key === `${CONFIG_NAMESPACE}:kmsKeyArn` && typeof value === "string" && (parseArn(value)?.account === source.account || parseArn(value)?.region !== target.region)) {
            problems.push({
                where,
                field: key,
                value,
                rule: `names a KMS key of account ${parseArn(value)?.account} in ${parseArn(value)?.region}, which cannot be re-pointed: a key exists in one account and region; create one for ${target.account} in ${target.region} and set it, or start --from a stack that lets the component create its key`,
            });
        } else {
            config[key] = repoint(value, source, target, (before, after) => changes.push(`${key}: ${before} → ${after}`));
            for (const arn of arnsIn(value)) {
                const account = parseArn(arn)?.account;
                if (account && account !== source.account) {
                    kept.push(`${key}: ${arn} (${account === management ? "the management account's" : `account ${account}'s, not ${source.name}'s`}: not re-pointed)`);
                }
            }
        }
    }
    return problems.length > 0 ? { problems } : { derived: { target, config, changes, kept }, problems };
}

/** The management account a source names (central mode), if any. */
function managementAccount(source: SourceStack): string | undefined {
    const value = source.config[`${CONFIG_NAMESPACE}:managementAccountId`];
    return typeof value === "string" ? value : undefined;
}

/** The ARNs in a value: a string, a list, or a JSON list held as a string. */
export function arnsIn(value: unknown): string[] {
    if (Array.isArray(value)) {
        return value.flatMap(arnsIn);
    }
    if (typeof value !== "string") {
        return [];
    }
    if (value.trim().startsWith("[")) {
        try {
            const list: unknown = JSON.parse(value);
            if (Array.isArray(list)) {
                return list.flatMap(arnsIn);
            }
        } catch {
            // Not JSON: a plain string.
        }
    }
    return parseArn(value) ? [value] : [];
}

/** Re-points one value, inside JSON lists held as strings too (`readerArns: '["arn:..."]'`). */
function repoint(value: unknown, source: SourceStack, target: StackTarget, report: (before: string, after: string) => void): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => repoint(item, source, target, report));
    }
    if (typeof value !== "string") {
        return value;
    }
    const trimmed = value.trim();
    if (trimmed.startsWith("[")) {
        try {
            const list: unknown = JSON.parse(trimmed);
            if (Array.isArray(list)) {
                const mapped = list.map((item) => repoint(item, source, target, report));
                return JSON.stringify(mapped);
            }
        } catch {
            // Not JSON: treat it as a plain string below.
        }
    }
    const arn = parseArn(value);
    let result: string;
    if (arn) {
        if (arn.account !== source.account) {
            return value;
        }
        const region = arn.region === source.region ? target.region : arn.region;
        result = `arn:${partitionOf(target.region)}:${arn.service}:${region}:${target.account}:${arn.resource}`;
    } else if (value.includes(source.account)) {
        // A name built from the account and region (an access-log bucket) follows both.
        result = value.split(source.account).join(target.account).split(source.region).join(target.region);
    } else {
        return value;
    }
    if (result !== value) {
        report(value, result);
    }
    return result;
}

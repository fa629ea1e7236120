/** Which accounts and trails of an organization deliver to this bucket, and the conditions that say so. */
import { accountTrailsPattern } from "./arns";
import type { ConditionBlock } from "./policyDocument";
import { oneOrMany } from "./policyDocument";

export interface OrganizationScope {
    accountId: string;
    organizationId?: string;
    managementAccountId?: string;
    sourceAccountIds?: string[];
    /** Organizational-unit paths (`aws:SourceOrgPaths`) the member deliveries must come from. */
    sourceOrgPaths?: string[];
}

/** Central log-archive mode is on when the organization and its management account are both named. */
export function isLogArchive(scope: OrganizationScope): scope is OrganizationScope & { organizationId: string; managementAccountId: string } {
    return scope.organizationId !== undefined && scope.managementAccountId !== undefined;
}

/**
 * The member accounts, other than the bucket's own, admitted by account id: the management account and the listed
 * accounts. Undefined when no list is given, which admits the whole organization by `aws:SourceOrgID`.
 */
export function listedMemberAccounts(scope: OrganizationScope): string[] | undefined {
    if (!isLogArchive(scope) || scope.sourceAccountIds === undefined) {
        return undefined;
    }
    return [...new Set([scope.managementAccountId, ...scope.sourceAccountIds])].filter((account) => account !== scope.accountId);
}

/**
 * The account whose trails are the organization trail: the management account in central log-archive mode, else
 * this account, which is then the management account itself (organizationId alone, as stacks/Pulumi.prod.yaml ships).
 */
export function organizationTrailOwner(scope: OrganizationScope): string {
    return scope.managementAccountId ?? scope.accountId;
}

/**
 * The `aws:SourceArn` condition of the trails of `account` that may deliver: the trails of that account named in
 * `cloudTrailArns`; every trail of the account (by pattern) when no trail is named at all; undefined when trails are
 * named but none of that account, so that account's trails are not admitted.
 */
export function trailSourceCondition(partition: string, account: string, cloudTrailArns: readonly string[]): ConditionBlock | undefined {
    const trails = trailsOf(partition, account, cloudTrailArns);
    if (trails === undefined) {
        return undefined;
    }
    return cloudTrailArns.length > 0 ? { StringEquals: { "aws:SourceArn": oneOrMany(trails) } } : { ArnLike: { "aws:SourceArn": oneOrMany(trails) } };
}

/** The trails of `account` admitted, as ARNs or as the account's pattern; undefined when none is. */
export function trailsOf(partition: string, account: string, cloudTrailArns: readonly string[]): string[] | undefined {
    if (cloudTrailArns.length === 0) {
        return [accountTrailsPattern(partition, account)];
    }
    const named = cloudTrailArns.filter((arn) => arn.split(":")[4] === account);
    return named.length > 0 ? named : undefined;
}

/**
 * The conditions on AWS Config of member accounts (central log-archive mode): the listed accounts by
 * `aws:SourceAccount`, else the whole organization by `aws:SourceOrgID`; with `sourceOrgPaths` also one of those
 * organizational units, by `aws:SourceOrgPaths`. Undefined when no member is admitted (the list names only this
 * account).
 */
export function memberConfigSourceCondition(scope: OrganizationScope): ConditionBlock | undefined {
    if (!isLogArchive(scope)) {
        return undefined;
    }
    const members = listedMemberAccounts(scope);
    if (members !== undefined && members.length === 0) {
        return undefined;
    }
    // AWS-IAM-003: aws:SourceOrgPaths is multivalued, so it is matched with ForAnyValue.
    const paths: ConditionBlock = scope.sourceOrgPaths && scope.sourceOrgPaths.length > 0 ? { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": oneOrMany(scope.sourceOrgPaths) } } : {};
    return { StringEquals: members ? { "aws:SourceAccount": oneOrMany(members) } : { "aws:SourceOrgID": scope.organizationId }, ...paths };
}

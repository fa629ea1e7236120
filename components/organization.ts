/** Central log-archive mode: which accounts of the organization deliver to this bucket. */

export interface OrganizationScope {
    accountId: string;
    organizationId?: string;
    managementAccountId?: string;
    sourceAccountIds?: string[];
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

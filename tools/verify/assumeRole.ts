import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { ClientOptions } from "./clients";
import { VerifyError } from "./errors";

/** Static credentials, as the SDK clients take them. */
export type Credentials = NonNullable<ClientOptions["credentials"]>;

/** `arn:<partition>:iam::<account>:role/<name>`: the read-only role of an account, by its name. */
export function roleArnOf(partition: string, account: string, roleName: string): string {
    return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/**
 * sts:AssumeRole on `roleArn` with the credentials `sts` was made with (AWS-STS-300): the role's temporary
 * credentials, or a VerifyError that names the role, the caller and what to fix. A refusal is the role's trust policy
 * not admitting the caller, or the caller's own policy not granting sts:AssumeRole on it (AWS-STS-701).
 */
export async function assumeRole(sts: STSClient, roleArn: string, sessionName: string, callerArn: string | undefined): Promise<Credentials> {
    let answer;
    try {
        answer = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName.replace(/[^\w+=,.@-]/g, "-").slice(0, 64) }));
    } catch (error) {
        const code = (error as { name?: string }).name;
        throw new VerifyError(
            code === "AccessDenied"
                ? `access denied: sts:AssumeRole on ${roleArn} was refused${callerArn ? ` for ${callerArn}` : ""} (the role's trust policy must admit the caller, and the caller's policy must grant sts:AssumeRole on it)`
                : `sts:AssumeRole on ${roleArn} failed: ${(error as Error).message}`,
        );
    }
    const given = answer.Credentials;
    return { accessKeyId: given?.AccessKeyId ?? "", secretAccessKey: given?.SecretAccessKey ?? "", sessionToken: given?.SessionToken, expiration: given?.Expiration };
}

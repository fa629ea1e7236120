import { randomBytes } from "crypto";
import type { FakeResponse } from "./errors";
import type { FakeAccount } from "./state";
import { escape } from "./xml";

/**
 * sts:AssumeRole as STS's query protocol answers it. A role of `account.roles` gets temporary credentials whose
 * access key id the server maps to the role's account from then on (`sessions`), so later calls read that
 * account's state; any other role is AccessDenied, as when its trust policy does not admit the caller.
 */
export function assumeRoleResponse(account: FakeAccount, params: URLSearchParams, sessions: Map<string, FakeAccount>): FakeResponse {
    const roleArn = params.get("RoleArn") ?? "";
    const sessionName = params.get("RoleSessionName") ?? "session";
    const target = account.roles?.[roleArn];
    if (!target) {
        return stsFault(403, "AccessDenied", `User: ${account.callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    sessions.set(accessKeyId, target);
    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    const assumedArn = `arn:aws:sts::${target.accountId}:assumed-role/${roleName}/${sessionName}`;
    target.callerArn = assumedArn;
    const expiration = new Date(Date.now() + 3600 * 1000).toISOString();
    const result =
        `<AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey>` +
        `<SessionToken>fake-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROAFAKE:${escape(sessionName)}</AssumedRoleId><Arn>${escape(assumedArn)}</Arn></AssumedRoleUser></AssumeRoleResult>`;
    return {
        status: 200,
        headers: { "content-type": "text/xml" },
        body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">${result}<ResponseMetadata><RequestId>FAKE</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
}

function stsFault(status: number, code: string, message: string): FakeResponse {
    return {
        status,
        headers: { "content-type": "text/xml" },
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>FAKE</RequestId></ErrorResponse>`,
    };
}

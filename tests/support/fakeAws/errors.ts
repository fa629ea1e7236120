import { xmlDocument } from "./xml";

/** What one fake operation answers. */
export interface FakeResponse {
    status: number;
    body: string | Buffer;
    headers?: Record<string, string>;
}

/** S3 and S3 Control errors: an XML `<Error>` with the code the SDK turns into the error's name. */
export function s3Error(status: number, code: string, message: string): FakeResponse {
    return { status, headers: { "content-type": "application/xml" }, body: xmlDocument("Error", { Code: code, Message: message, RequestId: "FAKE" }, "") };
}

/** KMS errors: JSON with `__type`. */
export function kmsError(status: number, type: string, message: string): FakeResponse {
    return { status, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ __type: type, message }) };
}

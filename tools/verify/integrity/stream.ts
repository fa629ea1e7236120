import { createHash } from "crypto";
import type { Readable } from "stream";
import { createGunzip } from "zlib";

/** A gzip body that could not be inflated. */
export class FormatError extends Error {}

/**
 * Inflates a gzip stream and hashes what comes out, chunk by chunk, as the AWS CLI's validator does for log files:
 * nothing is held but the chunk in hand. `keep` also collects the inflated bytes (a digest, which is parsed after).
 */
export function gunzipSha256(body: Readable, keep: boolean): Promise<{ sha256: string; inflated?: Buffer; bytes: number }> {
    return new Promise((resolve, reject) => {
        const hash = createHash("sha256");
        const gunzip = createGunzip();
        const chunks: Buffer[] = [];
        let compressed = 0;
        let settled = false;
        const fail = (error: Error): void => {
            if (!settled) {
                settled = true;
                body.destroy();
                gunzip.destroy();
                reject(error);
            }
        };
        body.on("data", (chunk: Buffer) => (compressed += chunk.length));
        body.on("error", fail);
        gunzip.on("error", (error) => fail(new FormatError(`not gzip: ${error.message}`)));
        gunzip.on("data", (chunk: Buffer) => {
            hash.update(chunk);
            if (keep) {
                chunks.push(chunk);
            }
        });
        gunzip.on("end", () => {
            if (!settled) {
                settled = true;
                resolve({ sha256: hash.digest("hex"), inflated: keep ? Buffer.concat(chunks) : undefined, bytes: compressed });
            }
        });
        body.pipe(gunzip);
    });
}

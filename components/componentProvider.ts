import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import { AuditLogBucket } from "./auditLogBucket";

/**
 * Lets the host turn an `aws.Provider` sent as a resource reference (`vault.provider` from another language) back into
 * an `aws.Provider`. `@pulumi/aws` registers this only from its root module, which this package never loads (it
 * imports the submodules it uses); without it the reference arrives as a bare URN string and the vault's resources
 * could not use it. Registering the same version twice is a no-op.
 */
export function registerAwsProviderPackage(): void {
    const version: string = require("@pulumi/aws/package.json").version;
    pulumi.runtime.registerResourcePackage("aws", {
        version,
        constructProvider: (name: string, type: string, urn: string): pulumi.ProviderResource => {
            if (type !== "pulumi:providers:aws") {
                throw new Error(`unknown provider type ${type}`);
            }
            return new Provider(name, undefined, { urn });
        },
    });
}

/**
 * The schema's reference to an external package's provider is `/<pkg>/v<version>/schema.json#/provider` (Pulumi's
 * schema, as pulumi/pulumi's codegen parses it); the host's TypeScript analyzer writes `#/resources/<pkg>` for a
 * provider class (an `aws.Provider`'s type token is the bare package name), which names no resource. Rewrites those.
 */
export function withProviderReferences(schemaJson: string): string {
    const schema: unknown = JSON.parse(schemaJson);
    const fix = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value.map(fix);
        }
        if (typeof value !== "object" || value === null) {
            return value;
        }
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [
                key,
                key === "$ref" && typeof inner === "string" ? inner.replace(/^(\/([a-z0-9-]+)\/v[^/]+\/schema\.json)#\/resources\/\2$/, "$1#/provider") : fix(inner),
            ]),
        );
    };
    return JSON.stringify(fix(schema));
}

/** The component provider `pulumi package add` talks to: the host's own, with provider references written right. */
export class AuditLogsComponentProvider extends ComponentProvider {
    constructor(dirname: string) {
        super({ name: "audit-logs", components: [AuditLogBucket], dirname });
        registerAwsProviderPackage();
    }

    override async getSchema(): Promise<string> {
        return withProviderReferences(await super.getSchema());
    }
}

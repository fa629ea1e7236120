/** The Glue tables over the logs: columns and SerDes as AWS documents them, partitions projected on the key layout. */
import { parseDay } from "./athena";
import { AWS_REGIONS, partitionOf } from "./constants";
import type { ArgProblem } from "./validation";

/** The CloudTrail table, and the table over Config's configuration history (never its snapshots). */
export const ATHENA_TABLE_NAMES = { cloudTrail: "cloudtrail_logs", config: "config_history" } as const;

/** Where the logs are and which accounts write them: what the tables are built from. */
export interface LogLayout {
    partition: string;
    accountId: string;
    /** The audit-log bucket. */
    bucketName: string;
    cloudTrailPrefix: string;
    configPrefix: string;
    /** With an organization, CloudTrail's table reads the organization trail's layout, `AWSLogs/<org id>/<account>/`. */
    organizationId?: string;
    /**
     * Central log-archive mode (with `organizationId`): member accounts' Config deliveries land here too, so the Config
     * table projects the same accounts as the CloudTrail table.
     */
    managementAccountId?: string;
    /**
     * Accounts the projections enumerate, besides this account and the management account; `injected` when the
     * accounts are the whole organization (each query then names the account it searches).
     * @default this account alone; with an organization, `injected`
     */
    sourceAccountIds?: readonly string[] | "injected";
    /** `yyyy/MM/dd`. */
    projectionStartDate: string;
    /**
     * The regions the projections enumerate.
     * @default every region of the bucket's partition (projectedRegions)
     */
    regions?: readonly string[];
}

/** A Glue table in the shape of `aws.glue.CatalogTable`'s inputs (checked against glue/catalogTable.d.ts). */
export interface GlueTableDefinition {
    name: string;
    description: string;
    tableType: "EXTERNAL_TABLE";
    parameters: Record<string, string>;
    partitionKeys: { name: string; type: string; comment: string }[];
    storageDescriptor: {
        location: string;
        inputFormat: string;
        outputFormat: string;
        serDeInfo: { name: string; serializationLibrary: string; parameters: Record<string, string> };
        columns: { name: string; type: string }[];
    };
}

export type AccountProjection = { type: "enum"; values: string[] } | { type: "injected" };

/** Partition keys of both tables; named so that no query has to quote them (`date` and `timestamp` are keywords). */
export const PARTITION_KEYS = { account: "account", region: "region", day: "day" } as const;

/** The date formats the services write (Java DateTimeFormatter patterns, as Athena's date projection reads them). */
export const DAY_FORMATS = {
    /** CloudTrail pads: `AWSLogs/<account>/CloudTrail/<region>/2026/01/05/` (CloudTrail guide, "Finding your log files"). */
    cloudTrail: "yyyy/MM/dd",
    /** Config does not: `AWSLogs/<account>/Config/us-east-2/2016/9/27/ConfigHistory/...` (Config guide, "Example Configuration History Delivery Notification"). */
    config: "yyyy/M/d",
} as const;

const HIVE_TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

/**
 * AWS-CT-400: CloudTrail's columns, SerDe and formats as the Athena User Guide's "Create the table for CloudTrail logs in
 * Athena using partition projection" gives them today: the Hive JSON SerDe over CloudTrailInputFormat (which reads
 * each file's `Records` array as rows), and the columns CloudTrail added since (onbehalfof, vpcendpointaccountid,
 * eventcategory, addendum, sessioncredentialfromconsole, edgedevicedetails, tlsdetails). requestparameters,
 * responseelements and additionaleventdata stay JSON strings, read with json_extract_scalar.
 */
export const CLOUDTRAIL_COLUMNS: readonly { name: string; type: string }[] = [
    { name: "eventversion", type: "string" },
    {
        name: "useridentity",
        type:
            "struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string," +
            "onbehalfof:struct<userid:string,identitystorearn:string>," +
            "sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>," +
            "sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>," +
            "ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>",
    },
    { name: "eventtime", type: "string" },
    { name: "eventsource", type: "string" },
    { name: "eventname", type: "string" },
    { name: "awsregion", type: "string" },
    { name: "sourceipaddress", type: "string" },
    { name: "useragent", type: "string" },
    { name: "errorcode", type: "string" },
    { name: "errormessage", type: "string" },
    { name: "requestparameters", type: "string" },
    { name: "responseelements", type: "string" },
    { name: "additionaleventdata", type: "string" },
    { name: "requestid", type: "string" },
    { name: "eventid", type: "string" },
    { name: "readonly", type: "string" },
    { name: "resources", type: "array<struct<arn:string,accountid:string,type:string>>" },
    { name: "eventtype", type: "string" },
    { name: "apiversion", type: "string" },
    { name: "recipientaccountid", type: "string" },
    { name: "serviceeventdetails", type: "string" },
    { name: "sharedeventid", type: "string" },
    { name: "vpcendpointid", type: "string" },
    { name: "vpcendpointaccountid", type: "string" },
    { name: "eventcategory", type: "string" },
    { name: "addendum", type: "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>" },
    { name: "sessioncredentialfromconsole", type: "string" },
    { name: "edgedevicedetails", type: "string" },
    { name: "tlsdetails", type: "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>" },
];

export const CLOUDTRAIL_STORAGE = {
    serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe",
    inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat",
    outputFormat: HIVE_TEXT_OUTPUT,
} as const;

/**
 * AWS-CFG-400: Config's configuration history files, one JSON object per file with a `configurationItems` array (the
 * Knowledge Center's "retrieve-aws-config-items-per-month" table; Hive JSON SerDe). The table reads ConfigHistory/
 * only: snapshots repeat every item at each delivery, and a large account's snapshot file, one row to the SerDe,
 * can pass Athena's row size limit (AWS-ATH-401). Queries unnest `configurationitems`, one row per item.
 * `configuration` keeps only `complianceType`, which AWS::Config::ResourceCompliance items carry.
 */
export const CONFIG_COLUMNS: readonly { name: string; type: string }[] = [
    { name: "fileversion", type: "string" },
    {
        name: "configurationitems",
        type:
            "array<struct<configurationItemVersion:string,configurationItemCaptureTime:string,configurationStateId:bigint," +
            "awsAccountId:string,configurationItemStatus:string,resourceType:string,resourceId:string,resourceName:string," +
            "ARN:string,awsRegion:string,availabilityZone:string,configurationStateMd5Hash:string,resourceCreationTime:string," +
            "configuration:struct<complianceType:string>>>",
    },
];

export const CONFIG_STORAGE = {
    serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe",
    inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
    outputFormat: HIVE_TEXT_OUTPUT,
} as const;

type AccountScope = Pick<LogLayout, "accountId" | "organizationId" | "managementAccountId" | "sourceAccountIds">;

/**
 * The accounts CloudTrail's projection enumerates: this one (and the management account) plus the ones named, or any
 * member of the organization (`injected`) when an organization is configured and no list narrows it.
 */
export function cloudTrailAccountProjection(layout: AccountScope): AccountProjection {
    const listed = layout.sourceAccountIds;
    if (listed === "injected" || (listed === undefined && layout.organizationId)) {
        return { type: "injected" };
    }
    return { type: "enum", values: [...new Set([layout.accountId, ...(layout.managementAccountId ? [layout.managementAccountId] : []), ...(listed ?? [])])] };
}

/**
 * The accounts Config's projection enumerates. Outside central log-archive mode the bucket policy admits Config from
 * this account alone (`aws:SourceAccount`), whatever the organization; in that mode, the same accounts as CloudTrail.
 */
export function configAccountProjection(layout: AccountScope): AccountProjection {
    return layout.organizationId && layout.managementAccountId ? cloudTrailAccountProjection(layout) : { type: "enum", values: [layout.accountId] };
}

/** Every region of a partition: what the projections enumerate unless told otherwise, since trails can be multi-region. */
export function projectedRegions(partition: string): string[] {
    return AWS_REGIONS.filter((region) => partitionOf(region) === partition);
}

/** The regions a layout's projections enumerate: the ones it names, else every region of its partition. */
export function layoutRegions(layout: Pick<LogLayout, "partition" | "regions">): string[] {
    return layout.regions && layout.regions.length > 0 ? [...layout.regions] : projectedRegions(layout.partition);
}

/** `yyyy/MM/dd` rewritten in a projection's own format, as Athena requires of `projection.<key>.range`. */
export function startInFormat(start: string, format: string): string {
    const day = parseDay(start);
    if (!day) {
        throw new Error(`projection start date "${start}" is not yyyy/MM/dd`);
    }
    const pad = (value: number, width: number): string => String(value).padStart(width, "0");
    return format.replace(/yyyy|MM|M|dd|d/g, (token) =>
        token === "yyyy" ? pad(day.year, 4) : token === "MM" ? pad(day.month, 2) : token === "M" ? String(day.month) : token === "dd" ? pad(day.day, 2) : String(day.day),
    );
}

function projectionParameters(account: AccountProjection, regions: string[], dayFormat: string, start: string, template: string): Record<string, string> {
    const { account: accountKey, region, day } = PARTITION_KEYS;
    return {
        EXTERNAL: "TRUE",
        "projection.enabled": "true",
        [`projection.${accountKey}.type`]: account.type,
        ...(account.type === "enum" ? { [`projection.${accountKey}.values`]: account.values.join(",") } : {}),
        [`projection.${region}.type`]: "enum",
        [`projection.${region}.values`]: regions.join(","),
        [`projection.${day}.type`]: "date",
        [`projection.${day}.format`]: dayFormat,
        [`projection.${day}.range`]: `${startInFormat(start, dayFormat)},NOW`,
        [`projection.${day}.interval`]: "1",
        [`projection.${day}.interval.unit`]: "DAYS",
        "storage.location.template": template,
    };
}

const PARTITION_COLUMNS = [
    { name: PARTITION_KEYS.account, type: "string", comment: "the account whose logs these are" },
    { name: PARTITION_KEYS.region, type: "string", comment: "the region the events happened in" },
    { name: PARTITION_KEYS.day, type: "string", comment: "the delivery day, in the service's own key format" },
];

/** Where CloudTrail's objects start: `AWSLogs/<account>/` for a trail of the account, `AWSLogs/<org id>/<account>/` for an organization trail. */
export function cloudTrailRoot(layout: Pick<LogLayout, "bucketName" | "cloudTrailPrefix" | "organizationId">): string {
    return `s3://${layout.bucketName}/${layout.cloudTrailPrefix}AWSLogs/${layout.organizationId ? `${layout.organizationId}/` : ""}`;
}

/** The CloudTrail table: one table, for the layout in use, projected on account, region and day. */
export function cloudTrailTable(layout: LogLayout): GlueTableDefinition {
    const root = cloudTrailRoot(layout);
    const { account, region, day } = PARTITION_KEYS;
    return {
        name: ATHENA_TABLE_NAMES.cloudTrail,
        description: `CloudTrail events in s3://${layout.bucketName}/${layout.cloudTrailPrefix}, partitions projected (no crawler, no MSCK REPAIR)`,
        tableType: "EXTERNAL_TABLE",
        parameters: {
            classification: "cloudtrail",
            ...projectionParameters(cloudTrailAccountProjection(layout), layoutRegions(layout), DAY_FORMATS.cloudTrail, layout.projectionStartDate, `${root}\${${account}}/CloudTrail/\${${region}}/\${${day}}`),
        },
        partitionKeys: PARTITION_COLUMNS.map((column) => ({ ...column })),
        storageDescriptor: {
            location: root,
            inputFormat: CLOUDTRAIL_STORAGE.inputFormat,
            outputFormat: CLOUDTRAIL_STORAGE.outputFormat,
            serDeInfo: { name: "cloudtrail", serializationLibrary: CLOUDTRAIL_STORAGE.serializationLibrary, parameters: {} },
            columns: CLOUDTRAIL_COLUMNS.map((column) => ({ ...column })),
        },
    };
}

/**
 * The Config history table: Config writes `AWSLogs/<account>/Config/<region>/<yyyy/M/d>/ConfigHistory/` whatever the
 * organization; the template ends in `ConfigHistory/` so that ConfigSnapshot/ beside it is never read.
 */
export function configTable(layout: LogLayout): GlueTableDefinition {
    const root = `s3://${layout.bucketName}/${layout.configPrefix}AWSLogs/`;
    const { account, region, day } = PARTITION_KEYS;
    return {
        name: ATHENA_TABLE_NAMES.config,
        description: `AWS Config configuration history (not snapshots) in s3://${layout.bucketName}/${layout.configPrefix}, partitions projected`,
        tableType: "EXTERNAL_TABLE",
        parameters: {
            classification: "json",
            ...projectionParameters(configAccountProjection(layout), layoutRegions(layout), DAY_FORMATS.config, layout.projectionStartDate, `${root}\${${account}}/Config/\${${region}}/\${${day}}/ConfigHistory/`),
        },
        partitionKeys: PARTITION_COLUMNS.map((column) => ({ ...column })),
        storageDescriptor: {
            location: root,
            inputFormat: CONFIG_STORAGE.inputFormat,
            outputFormat: CONFIG_STORAGE.outputFormat,
            serDeInfo: { name: "config", serializationLibrary: CONFIG_STORAGE.serializationLibrary, parameters: { "serialization.format": "1" } },
            columns: CONFIG_COLUMNS.map((column) => ({ ...column })),
        },
    };
}

/** Problems with the layout the component was given (not user args: the parent resolves them). */
export function logLayoutProblems(layout: AccountScope): ArgProblem[] {
    const problems: ArgProblem[] = [];
    const listed = layout.sourceAccountIds;
    if (listed === "injected" && !layout.organizationId) {
        problems.push({ field: "sourceAccountIds", value: listed, rule: "may be injected (every account of the organization) only with organizationId" });
    }
    if (Array.isArray(listed)) {
        listed.forEach((account, index) => {
            if (typeof account !== "string" || !/^\d{12}$/.test(account)) {
                problems.push({ field: `sourceAccountIds[${index}]`, value: account, rule: "must be a 12-digit AWS account id" });
            }
        });
        if (!layout.organizationId && listed.some((account) => account !== layout.accountId)) {
            problems.push({
                field: "sourceAccountIds",
                value: listed,
                rule: `may name other accounts than ${layout.accountId} only with organizationId: without an organization trail only this account's trails deliver here`,
            });
        }
    } else if (listed !== undefined && listed !== "injected") {
        problems.push({ field: "sourceAccountIds", value: listed, rule: 'must be a list of 12-digit account ids or "injected"' });
    }
    return problems;
}

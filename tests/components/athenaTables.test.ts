import { expect } from "chai";
import { CLOUDTRAIL_STORAGE, CONFIG_STORAGE, LogLayout, cloudTrailTable, configAccountProjection, configTable, logLayoutProblems, startInFormat } from "../../components/athenaTables";

const layout = (extra: Partial<LogLayout> = {}): LogLayout => ({
    partition: "aws",
    accountId: "123456789012",
    bucketName: "network-compliance-logs-123456789012-eu-west-1",
    cloudTrailPrefix: "cloudtrail-logs/",
    configPrefix: "config-logs/",
    projectionStartDate: "2020/01/01",
    ...extra,
});

describe("the Glue tables", () => {
    it("reads CloudTrail with the JSON SerDe over CloudTrail's input format, from the account's AWSLogs/ root (AWS-CT-400)", () => {
        const table = cloudTrailTable(layout());
        expect(table.name).to.equal("cloudtrail_logs");
        expect(table.tableType).to.equal("EXTERNAL_TABLE");
        expect(table.storageDescriptor.serDeInfo.serializationLibrary).to.equal("org.apache.hive.hcatalog.data.JsonSerDe");
        expect(table.storageDescriptor.inputFormat).to.equal(CLOUDTRAIL_STORAGE.inputFormat);
        expect(table.storageDescriptor.columns.map((column) => column.name)).to.include.members(["tlsdetails", "sessioncredentialfromconsole", "eventcategory", "edgedevicedetails", "addendum", "vpcendpointaccountid"]);
        expect(table.storageDescriptor.location).to.equal("s3://network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/AWSLogs/");
        expect(table.storageDescriptor.columns.map((column) => column.name)).to.include.members(["eventtime", "eventsource", "eventname", "useridentity", "requestparameters", "additionaleventdata", "recipientaccountid"]);
        expect(table.partitionKeys.map((key) => key.name)).to.deep.equal(["account", "region", "day"]);
    });

    it("projects only the regions it is given, when given", () => {
        for (const table of [cloudTrailTable(layout({ regions: ["eu-west-1", "us-east-1"] })), configTable(layout({ regions: ["eu-west-1", "us-east-1"] }))]) {
            expect(table.parameters["projection.region.values"], table.name).to.equal("eu-west-1,us-east-1");
        }
    });

    it("projects account, region and day: padded days from the start date to NOW, every region of the partition", () => {
        const parameters = cloudTrailTable(layout({ projectionStartDate: "2021/03/04" })).parameters;
        expect(parameters).to.include({
            "projection.enabled": "true",
            "projection.account.type": "enum",
            "projection.account.values": "123456789012",
            "projection.region.type": "enum",
            "projection.day.type": "date",
            "projection.day.format": "yyyy/MM/dd",
            "projection.day.range": "2021/03/04,NOW",
            "projection.day.interval": "1",
            "projection.day.interval.unit": "DAYS",
            "storage.location.template": "s3://network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/AWSLogs/${account}/CloudTrail/${region}/${day}",
        });
        expect(parameters["projection.region.values"].split(",")).to.include.members(["us-east-1", "eu-west-1", "ap-southeast-2"]).and.not.include("cn-north-1");
        expect(cloudTrailTable(layout({ partition: "aws-cn" })).parameters["projection.region.values"].split(",")).to.deep.equal(["cn-north-1", "cn-northwest-1"]);
    });

    it("reads the organization trail's layout with an organization: AWSLogs/<org id>/<account>/, accounts injected", () => {
        const table = cloudTrailTable(layout({ organizationId: "o-a1b2c3d4e5" }));
        expect(table.storageDescriptor.location).to.equal("s3://network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/");
        expect(table.parameters["storage.location.template"]).to.equal("s3://network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${day}");
        expect(table.parameters["projection.account.type"]).to.equal("injected");
        expect(table.parameters).to.not.have.property("projection.account.values");
    });

    it("enumerates this account, the management account and the listed ones when the organization's accounts are listed", () => {
        const table = cloudTrailTable(layout({ organizationId: "o-a1b2c3d4e5", managementAccountId: "222222222222", sourceAccountIds: ["333333333333", "222222222222"] }));
        expect(table.parameters["projection.account.values"]).to.equal("123456789012,222222222222,333333333333");
    });

    it("reads Config's history with the JSON SerDe, unpadded days, this account only unless the bucket is the organization's log archive (AWS-CFG-400)", () => {
        const table = configTable(layout({ organizationId: "o-a1b2c3d4e5", projectionStartDate: "2020/01/05" }));
        expect(table.storageDescriptor.serDeInfo.serializationLibrary).to.equal(CONFIG_STORAGE.serializationLibrary);
        expect(table.storageDescriptor.location).to.equal("s3://network-compliance-logs-123456789012-eu-west-1/config-logs/AWSLogs/");
        expect(table.parameters).to.include({
            "projection.day.format": "yyyy/M/d",
            "projection.day.range": "2020/1/5,NOW",
            "projection.account.values": "123456789012",
            "storage.location.template": "s3://network-compliance-logs-123456789012-eu-west-1/config-logs/AWSLogs/${account}/Config/${region}/${day}/ConfigHistory/",
        });
        expect(table.name).to.equal("config_history");
        expect(table.storageDescriptor.columns.map((column) => column.name)).to.deep.equal(["fileversion", "configurationitems"]);
        expect(configAccountProjection({ accountId: "123456789012", organizationId: "o-a1b2c3d4e5", managementAccountId: "222222222222" })).to.deep.equal({ type: "injected" });
        expect(configAccountProjection({ accountId: "123456789012", organizationId: "o-a1b2c3d4e5", managementAccountId: "222222222222", sourceAccountIds: ["444444444444"] })).to.deep.equal({
            type: "enum",
            values: ["123456789012", "222222222222", "444444444444"],
        });
    });

    // The Athena User Guide's CloudTrail table (partition projection example, AWS-CT-400), column by column: a column
    // the SerDe does not know reads as null, a missing one is lost.
    const CLOUDTRAIL_DOC_COLUMNS = `eventversion string | useridentity struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>
        | eventtime string | eventsource string | eventname string | awsregion string | sourceipaddress string | useragent string | errorcode string | errormessage string
        | requestparameters string | responseelements string | additionaleventdata string | requestid string | eventid string | readonly string
        | resources array<struct<arn:string,accountid:string,type:string>> | eventtype string | apiversion string | recipientaccountid string
        | serviceeventdetails string | sharedeventid string | vpcendpointid string | vpcendpointaccountid string | eventcategory string
        | addendum struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string> | sessioncredentialfromconsole string
        | edgedevicedetails string | tlsdetails struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>`;
    const CONFIG_DOC_COLUMNS = `fileversion string | configurationitems array<struct<configurationItemVersion:string,configurationItemCaptureTime:string,configurationStateId:bigint,awsAccountId:string,configurationItemStatus:string,resourceType:string,resourceId:string,resourceName:string,ARN:string,awsRegion:string,availabilityZone:string,configurationStateMd5Hash:string,resourceCreationTime:string,configuration:struct<complianceType:string>>>`;
    const columnsOf = (text: string): { name: string; type: string }[] =>
        text.split("|").map((column) => {
            const [name, type] = column.trim().split(/\s+/);
            return { name, type };
        });

    const STORAGE: [string, () => ReturnType<typeof cloudTrailTable>, Record<string, unknown>][] = [
        [
            "CloudTrail",
            () => cloudTrailTable(layout()),
            {
                location: "s3://network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/AWSLogs/",
                inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat",
                outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                serDeInfo: { name: "cloudtrail", serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe", parameters: {} },
                columns: columnsOf(CLOUDTRAIL_DOC_COLUMNS),
            },
        ],
        [
            "Config",
            () => configTable(layout()),
            {
                location: "s3://network-compliance-logs-123456789012-eu-west-1/config-logs/AWSLogs/",
                inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
                outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                serDeInfo: { name: "config", serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe", parameters: { "serialization.format": "1" } },
                columns: columnsOf(CONFIG_DOC_COLUMNS),
            },
        ],
    ];
    for (const [source, build, storage] of STORAGE) {
        it(`stores the ${source} table as AWS documents it: location, formats, SerDe and every column`, () => {
            const table = build();
            expect(table.storageDescriptor).to.deep.equal(storage);
            expect(table.tableType).to.equal("EXTERNAL_TABLE");
            expect(table.parameters).to.include({ EXTERNAL: "TRUE", "projection.enabled": "true", classification: source === "CloudTrail" ? "cloudtrail" : "json" });
            expect(table.partitionKeys).to.deep.equal([
                { name: "account", type: "string", comment: "the account whose logs these are" },
                { name: "region", type: "string", comment: "the region the events happened in" },
                { name: "day", type: "string", comment: "the delivery day, in the service's own key format" },
            ]);
            expect(table.description).to.include(`s3://network-compliance-logs-123456789012-eu-west-1/${source === "CloudTrail" ? "cloudtrail-logs/" : "config-logs/"}`);
        });
    }

    it("refuses a start date it cannot rewrite", () => {
        expect(() => startInFormat("2020-01-01", "yyyy/M/d")).to.throw(/"2020-01-01" is not yyyy\/MM\/dd/);
    });

    it("projects injected accounts when asked to, even with the organization's accounts known", () => {
        const table = cloudTrailTable(layout({ organizationId: "o-a1b2c3d4e5", managementAccountId: "222222222222", sourceAccountIds: "injected" }));
        expect(table.parameters["projection.account.type"]).to.equal("injected");
        expect(configTable(layout({ organizationId: "o-a1b2c3d4e5", managementAccountId: "222222222222", sourceAccountIds: "injected" })).parameters["projection.account.type"]).to.equal("injected");
    });

    it("writes a start date in each projection's own format", () => {
        expect(startInFormat("2020/01/09", "yyyy/MM/dd")).to.equal("2020/01/09");
        expect(startInFormat("2020/01/09", "yyyy/M/d")).to.equal("2020/1/9");
        expect(startInFormat("2020/11/23", "yyyy/M/d")).to.equal("2020/11/23");
    });

    const LAYOUT_PROBLEMS: [string, Partial<LogLayout>, RegExp][] = [
        ["an account id that is not 12 digits", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: ["12345"] }, /12-digit/],
        ["other accounts without an organization", { sourceAccountIds: ["333333333333"] }, /only with organizationId/],
        ["injected accounts without an organization", { sourceAccountIds: "injected" }, /only with organizationId/],
        ["an account id of 13 digits", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: ["1234567890123"] }, /12-digit/],
        ["an account id with a letter first", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: ["x23456789012"] }, /12-digit/],
        ["an account id given as a number", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: [123456789012 as unknown as string] }, /12-digit/],
        ["this account and another, without an organization", { sourceAccountIds: ["123456789012", "333333333333"] }, /only with organizationId/],
        ["accounts that are not a list", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: "333333333333" as unknown as "injected" }, /list of 12-digit account ids or "injected"/],
    ];
    for (const [what, extra, rule] of LAYOUT_PROBLEMS) {
        it(`refuses a layout with ${what}`, () => {
            const problems = logLayoutProblems(layout(extra));
            expect(problems).to.have.length(1);
            expect(problems[0].rule).to.match(rule);
            expect(problems[0].field).to.match(/^sourceAccountIds(\[\d+\])?$/);
            expect(problems[0].value).to.deep.equal(problems[0].field === "sourceAccountIds" ? extra.sourceAccountIds : (extra.sourceAccountIds as string[])[0]);
        });
    }

    it("accepts this account alone without an organization, and any listed accounts with one", () => {
        expect(logLayoutProblems(layout({ sourceAccountIds: ["123456789012"] }))).to.deep.equal([]);
        expect(logLayoutProblems(layout({ organizationId: "o-a1b2c3d4e5", sourceAccountIds: ["333333333333", "444444444444"] }))).to.deep.equal([]);
        expect(logLayoutProblems(layout({ organizationId: "o-a1b2c3d4e5", sourceAccountIds: "injected" }))).to.deep.equal([]);
    });
});

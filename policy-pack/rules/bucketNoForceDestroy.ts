import { resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";

export const bucketNoForceDestroy = resourcePolicy({
    name: "s3-bucket-no-force-destroy",
    description: "No S3 bucket sets forceDestroy: true, which lets a destroy or a replacement delete every object and version in it.",
    enforcementLevel: "mandatory",
    types: TYPES.bucket,
    check: (props, name) =>
        props.forceDestroy === true ? [`${name} sets forceDestroy: true, so a destroy or replacement deletes all its objects: remove it (or set false).`] : [],
});

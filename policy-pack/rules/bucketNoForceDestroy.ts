import { pending, resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";
import { isUnknown } from "../lib/unknowns";

export const bucketNoForceDestroy = resourcePolicy({
    name: "s3-bucket-no-force-destroy",
    description: "No S3 bucket sets forceDestroy: true, which lets a destroy or a replacement delete every object and version in it.",
    enforcementLevel: "mandatory",
    types: TYPES.bucket.filter((type) => type.startsWith("aws:")),
    check: (props, name) =>
        props.forceDestroy === true
            ? [`${name} sets forceDestroy: true, so a destroy or replacement deletes all its objects: remove it (or set false).`]
            : isUnknown(props.forceDestroy)
              ? [pending(`${name} sets forceDestroy from a value not known yet.`)]
              : [],
});

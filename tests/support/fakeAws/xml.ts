import type { XmlValue } from "./state";

const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** An XML document with one root element; arrays repeat their element, as S3's flattened lists do. */
export function xmlDocument(root: string, value: XmlValue, namespace: string = S3_NAMESPACE): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, namespace)}`;
}

function element(name: string, value: XmlValue | undefined, namespace?: string): string {
    if (value === undefined) {
        return "";
    }
    if (Array.isArray(value)) {
        return value.map((item) => element(name, item)).join("");
    }
    const open = namespace ? `<${name} xmlns="${namespace}">` : `<${name}>`;
    if (value instanceof Date) {
        return `${open}${value.toISOString()}</${name}>`;
    }
    if (typeof value === "object") {
        return `${open}${Object.entries(value)
            .map(([child, childValue]) => element(child, childValue))
            .join("")}</${name}>`;
    }
    return `${open}${escape(String(value))}</${name}>`;
}

export function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

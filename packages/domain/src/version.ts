/**
 * The product version a scan record names ("product version at scan time"). Stored with each scan,
 * so re-exporting an old scan after an upgrade still shows, and hashes, the version that judged it.
 */
export const PRODUCT_VERSION = '0.1.0';

export { type BlobStore, type BodyStore, type BodyStoreKind, type NewVersion, blobKey } from './body-store.ts';
export { createBodyStore } from './create-body-store.ts';
export { filesystemBlobs } from './filesystem-blobs.ts';
export { type S3Http, type S3Settings, s3Blobs } from './s3-blobs.ts';
export { bodyStoreOf, openBodies, openOneBody } from './open-bodies.ts';
export { versionStore } from './version-store.ts';

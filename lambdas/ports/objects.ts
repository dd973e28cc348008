import type { RawObject } from '../core/model';

/** Where raw objects are read from and where bad ones are kept aside. */
export interface ObjectSource {
  getObject(ref: { bucket?: string; key: string; version?: string }): Promise<RawObject>;
  /** Keeps the original aside under a quarantine prefix with the error; returns where it went. */
  quarantine(object: RawObject, error: string): Promise<string | undefined>;
}

/** Where new raw objects are dropped: the deployed stack's bucket, under incoming/. */
export interface ObjectSink {
  /** For messages: "s3://bucket". */
  readonly location: string;
  putObject(object: { key: string; body: Uint8Array; contentType?: string; metadata?: Record<string, string> }): Promise<{ key: string; version?: string }>;
}

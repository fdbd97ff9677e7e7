package io.imwatch.catalog;

/** Where the code is produced. */
public enum Side {
    /** Raised inside the client SDK, without the server answering with it. */
    CLIENT,
    /** Returned or logged by the IM server. */
    SERVER,
    /** Returned by the operator's own business server through the vendor's webhook (callback). */
    WEBHOOK
}

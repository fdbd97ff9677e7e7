package io.imwatch.catalog;

/**
 * The closed, cross-vendor taxonomy every catalogue entry is normalized to. Each vendor sorts its
 * codes its own way; this class lets one dashboard compare them. See {@code catalog/README.md} for
 * how each vendor's codes map onto it.
 */
public enum CodeClass {
    /** The request succeeded (Turms 1000–1002, OpenIM 0). */
    SUCCESS,
    /** The request or its payload was malformed or had an invalid argument. */
    VALIDATION,
    /** Who the caller is could not be established: login failed, token missing, expired or invalid. */
    AUTH,
    /** The caller is known but not allowed to do this (not owner, not a member, forbidden). */
    PERMISSION,
    /** The target (user, group, message, record, file) does not exist. */
    NOT_FOUND,
    /** The request clashes with existing state: already exists, already done, duplicate. */
    CONFLICT,
    /** Too many requests or attempts; the caller was throttled or locked out for a while. */
    RATE_LIMIT,
    /** A size, count or quota limit was reached. */
    LIMIT_EXCEEDED,
    /** A block, mute or ban stopped the request. */
    BLOCKED,
    /** Session lifecycle: a session was closed, replaced, or used in the wrong state. */
    SESSION,
    /** The network connection failed, dropped or could not be set up. */
    CONNECTION,
    /** Something did not answer in time. */
    TIMEOUT,
    /** The server failed or is unavailable: internal errors, overload, shutdown. */
    SERVER,
    /** The message content was rejected (illegal, sensitive, too long, bad attachment). */
    CONTENT,
    /** The feature is switched off by configuration. */
    FEATURE_DISABLED,
    /** File upload, download or storage failed. */
    STORAGE,
    /** A failure inside the client SDK that is none of the above. */
    CLIENT,
    /** A business server's webhook (callback) rejected the operation. */
    WEBHOOK,
    /** Not an error: something happened (a message was sent or received). */
    EVENT,
    /** Not an error: a connection or session state report. */
    STATUS,
    /** Reserved for codes that are not in the catalogue; catalogue entries may not use it. */
    UNKNOWN
}

package io.imwatch.catalog;

/**
 * A normalized, cross-vendor reason why a session or connection was closed or a user was kicked
 * out. Only codes that mean exactly that carry one; session-close spikes are alerted on per reason.
 */
public enum SessionCloseReason {
    /** The client broke the protocol or sent an illegal request (Turms ILLEGAL_REQUEST). */
    PROTOCOL_VIOLATION,
    /** The server stopped hearing heartbeats. */
    HEARTBEAT_TIMEOUT,
    /** The client did not finish logging in in time. */
    LOGIN_TIMEOUT,
    /** The transport was switched (e.g. Turms moving an idle session to UDP keep-alive). */
    TRANSPORT_SWITCH,
    /** The server hit an internal error. */
    SERVER_ERROR,
    /** The server is shutting down or closed the connection on its side. */
    SERVER_SHUTDOWN,
    /** The server is unavailable or over capacity and refused or dropped the session. */
    SERVER_UNAVAILABLE,
    /** The network connection dropped without an orderly close. */
    NETWORK,
    /** The user logged out or the app closed the session itself. */
    CLIENT_LOGOUT,
    /** The same account logged in on another device and replaced this session. */
    KICKED_BY_OTHER_DEVICE,
    /** An administrator closed the session. */
    ADMIN,
    /** The account was deleted, deactivated or removed. */
    ACCOUNT_DISABLED,
    /** The account, device or IP was blocked. */
    ACCOUNT_BLOCKED,
    /** The credentials stopped being valid: token expired or revoked, password changed. */
    AUTH_EXPIRED,
    /** Closed, but the code does not say why. */
    UNKNOWN
}

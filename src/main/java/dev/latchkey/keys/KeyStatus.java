package dev.latchkey.keys;

/** Life cycle of a workspace key (design §4): next → current → rotated → revoked. */
public enum KeyStatus {
    NEXT, CURRENT, ROTATED, REVOKED
}

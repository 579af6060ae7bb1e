package org.linli.community;

public enum InviteStatus { ACTIVE, USED, REVOKED }

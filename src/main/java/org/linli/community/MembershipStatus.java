package org.linli.community;

public enum MembershipStatus { PENDING, VERIFIED, REJECTED, REVOKED }

package org.linli.community;

public enum MembershipRole { OWNER, CO_OWNER, TENANT, FAMILY }

package it.entities;

public enum SessionStatus { WAITING, ACTIVE, CLOSED }

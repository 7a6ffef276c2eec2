package com.example.chatsupport;

public enum SessionStatus { WAITING, ACTIVE, CLOSED }

package com.example.chatsupport;

public enum MessageDirection { INCOMING, OUTGOING }

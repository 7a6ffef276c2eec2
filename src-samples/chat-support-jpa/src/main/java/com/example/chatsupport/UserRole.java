package com.example.chatsupport;

public enum UserRole { SUPER_ADMIN, ADMIN, AGENT, USER }

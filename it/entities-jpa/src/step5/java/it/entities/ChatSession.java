package it.entities;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "chat_sessions", indexes = @Index(name = "ix_chat_sessions_line_user_id", columnList = "line_user_id"))
public class ChatSession {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(name = "line_user_id", length = 64, nullable = false)
  String lineUserId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  SessionStatus status;

  @ManyToOne
  @JoinColumn(name = "operator_id")
  User operator;
}

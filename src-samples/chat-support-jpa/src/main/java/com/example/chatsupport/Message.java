package com.example.chatsupport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "messages",
    indexes = @Index(name = "ix_messages_line_user_id_created_at", columnList = "line_user_id, created_at desc"))
public class Message {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "line_user_id", length = 64, nullable = false)
  private String lineUserId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private MessageDirection direction;

  @Column(columnDefinition = "text")
  private String content;

  @ManyToOne
  @JoinColumn(name = "session_id", foreignKey = @ForeignKey(name = "fk_messages_session_id"))
  private ChatSession session;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;
}

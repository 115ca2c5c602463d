namespace FlashSale.EventStore.Marten;

/// <summary>
/// What Marten stores as an event's data: the port's type name and the JSON bytes as strings. PostgreSQL's jsonb
/// normalizes whitespace and key order, so the event's own JSON is kept as a JSON string value, which jsonb keeps
/// character for character; the bytes read back are the bytes appended.
/// </summary>
internal sealed record StoredEventBody(string Type, string Data, string Metadata);

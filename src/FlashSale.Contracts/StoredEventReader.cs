using System.Text.Json;
using FlashSale.Domain.Items;

namespace FlashSale.Contracts;

/// <summary>
/// Reads the stored JSON of the events every order makes, and of the metadata, without the serializer: for records with
/// constructors System.Text.Json takes its metadata-driven path (argument state, boxed arguments), and every follower of
/// the log in the API process decoded each order's events through it (ADR 0038). Only the form the serializer writes is
/// read here (exactly these property names, each once, of the expected token type, nothing else in the object); anything
/// else answers false and the caller decodes with the serializer, so what an event decodes to, or why it cannot, is
/// the serializer's answer in every case.
/// </summary>
internal static class StoredEventReader
{
    /// <returns>False when the event's type is not read here or its JSON is not in the serializer's own form.</returns>
    public static bool TryRead(Type type, ReadOnlySpan<byte> json, out ItemEvent? @event)
    {
        try
        {
            @event = type == typeof(OrderPlaced) ? OrderPlaced(json)
                : type == typeof(StockReserved) ? StockReserved(json)
                : type == typeof(OrderRejected) ? OrderRejected(json)
                : type == typeof(ChargeStarted) ? ChargeStarted(json)
                : type == typeof(PaymentConfirmed) ? PaymentConfirmed(json)
                : type == typeof(PaymentTimedOut) ? PaymentTimedOut(json)
                : type == typeof(StockReleased) ? StockReleased(json)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            @event = null; // not JSON, or a string that is not UTF-8: the serializer says why, in its words
        }
        return @event is not null;
    }

    public static bool TryReadMetadata(ReadOnlySpan<byte> json, out EventMetadata? metadata)
    {
        try
        {
            var o = new JsonObjectReader(json);
            string? correlationId = null, causationId = null, actor = null;
            DateTimeOffset timestamp = default;
            long? appendEnd = null;
            while (o.NextProperty())
            {
                if (o.Is("correlationId"u8, 0)) correlationId = o.Id();
                else if (o.Is("causationId"u8, 1)) causationId = o.String();
                else if (o.Is("actor"u8, 2)) actor = o.String();
                else if (o.Is("timestamp"u8, 3)) timestamp = o.Timestamp();
                else if (o.Is("appendEnd"u8, 4)) appendEnd = o.Int64();
                else o.Other();
            }
            metadata = o.Done(0b1111) ? new EventMetadata(correlationId!, causationId!, actor!, timestamp, appendEnd) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            metadata = null;
        }
        return metadata is not null;
    }

    private static OrderPlaced? OrderPlaced(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, userId = null;
        var quantity = 0;
        DateTimeOffset placedAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("userId"u8, 2)) userId = o.Id();
            else if (o.Is("quantity"u8, 3)) quantity = o.Int32();
            else if (o.Is("placedAt"u8, 4)) placedAt = o.Timestamp();
            else o.Other();
        }
        return o.Done(0b11111) ? new OrderPlaced(itemId!, orderId!, userId!, quantity, placedAt) : null;
    }

    private static StockReserved? StockReserved(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, userId = null;
        int quantity = 0, retry = 0;
        DateTimeOffset reservedUntil = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("userId"u8, 2)) userId = o.Id();
            else if (o.Is("quantity"u8, 3)) quantity = o.Int32();
            else if (o.Is("reservedUntil"u8, 4)) reservedUntil = o.Timestamp();
            else if (o.Is("retry"u8, 5)) retry = o.Int32();
            else o.Other();
        }
        // Retry has a default (events written before retries existed lack it), as the serializer applies it.
        return o.Done(0b11111) ? new StockReserved(itemId!, orderId!, userId!, quantity, reservedUntil, retry) : null;
    }

    private static OrderRejected? OrderRejected(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, userId = null, reason = null;
        var quantity = 0;
        DateTimeOffset rejectedAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("userId"u8, 2)) userId = o.Id();
            else if (o.Is("quantity"u8, 3)) quantity = o.Int32();
            else if (o.Is("reason"u8, 4)) reason = o.String();
            else if (o.Is("rejectedAt"u8, 5)) rejectedAt = o.Timestamp();
            else o.Other();
        }
        return o.Done(0b111111) ? new OrderRejected(itemId!, orderId!, userId!, quantity, reason!, rejectedAt) : null;
    }

    private static ChargeStarted? ChargeStarted(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, idempotencyKey = null;
        var retry = 0;
        DateTimeOffset startedAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("idempotencyKey"u8, 2)) idempotencyKey = o.String();
            else if (o.Is("startedAt"u8, 3)) startedAt = o.Timestamp();
            else if (o.Is("retry"u8, 4)) retry = o.Int32();
            else o.Other();
        }
        return o.Done(0b1111) ? new ChargeStarted(itemId!, orderId!, idempotencyKey!, startedAt, retry) : null;
    }

    private static PaymentConfirmed? PaymentConfirmed(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, userId = null, paymentReference = null;
        var quantity = 0;
        DateTimeOffset confirmedAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("userId"u8, 2)) userId = o.Id();
            else if (o.Is("quantity"u8, 3)) quantity = o.Int32();
            else if (o.Is("paymentReference"u8, 4)) paymentReference = o.String();
            else if (o.Is("confirmedAt"u8, 5)) confirmedAt = o.Timestamp();
            else o.Other();
        }
        return o.Done(0b111111) ? new PaymentConfirmed(itemId!, orderId!, userId!, quantity, paymentReference!, confirmedAt) : null;
    }

    private static PaymentTimedOut? PaymentTimedOut(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, cause = null;
        var retry = 0;
        DateTimeOffset timedOutAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("cause"u8, 2)) cause = o.String();
            else if (o.Is("timedOutAt"u8, 3)) timedOutAt = o.Timestamp();
            else if (o.Is("retry"u8, 4)) retry = o.Int32();
            else o.Other();
        }
        return o.Done(0b1111) ? new PaymentTimedOut(itemId!, orderId!, cause!, timedOutAt, retry) : null;
    }

    private static StockReleased? StockReleased(ReadOnlySpan<byte> json)
    {
        var o = new JsonObjectReader(json);
        string? itemId = null, orderId = null, userId = null;
        int quantity = 0, retry = 0;
        DateTimeOffset releasedAt = default;
        while (o.NextProperty())
        {
            if (o.Is("itemId"u8, 0)) itemId = o.Id();
            else if (o.Is("orderId"u8, 1)) orderId = o.Id();
            else if (o.Is("userId"u8, 2)) userId = o.Id();
            else if (o.Is("quantity"u8, 3)) quantity = o.Int32();
            else if (o.Is("releasedAt"u8, 4)) releasedAt = o.Timestamp();
            else if (o.Is("retry"u8, 5)) retry = o.Int32();
            else o.Other();
        }
        return o.Done(0b11111) ? new StockReleased(itemId!, orderId!, userId!, quantity, releasedAt, retry) : null;
    }

    /// <summary>One JSON object of primitive properties, read once; any surprise marks it failed (the serializer reads it then).</summary>
    private ref struct JsonObjectReader
    {
        private Utf8JsonReader _reader;
        private int _seen;
        private bool _failed;
        private bool _ended;

        public JsonObjectReader(ReadOnlySpan<byte> json)
        {
            _reader = new Utf8JsonReader(json);
            _failed = !(_reader.Read() && _reader.TokenType == JsonTokenType.StartObject);
        }

        /// <summary>Moves to the next property's name; false at the end of the object or once failed.</summary>
        public bool NextProperty()
        {
            if (_failed || !_reader.Read()) return Fail();
            if (_reader.TokenType == JsonTokenType.EndObject)
            {
                _ended = true;
                return false;
            }
            return true;
        }

        /// <summary>Whether the property is <paramref name="name"/> (exactly: another casing binds through the serializer's
        /// case-insensitive match); a name given twice fails.</summary>
        public bool Is(ReadOnlySpan<byte> name, int bit)
        {
            if (!_reader.ValueTextEquals(name)) return false;
            if ((_seen & (1 << bit)) != 0) Fail();
            _seen |= 1 << bit;
            return true;
        }

        /// <summary>A property none of the names fits: unknown, or another casing of one of them.</summary>
        public void Other() => Fail();

        public string? String() => Value(JsonTokenType.String) ? _reader.GetString() : null;

        /// <summary>A string that is an id: one instance per recent value (<see cref="IdStrings"/>).</summary>
        public string? Id() => Value(JsonTokenType.String) ? IdStrings.FromReader(ref _reader) : null;

        public int Int32() => Value(JsonTokenType.Number) && _reader.TryGetInt32(out var value) ? value : FailWith(0);

        public long Int64() => Value(JsonTokenType.Number) && _reader.TryGetInt64(out var value) ? value : FailWith(0L);

        public DateTimeOffset Timestamp() =>
            Value(JsonTokenType.String) && _reader.TryGetDateTimeOffset(out var value) ? value : FailWith(default(DateTimeOffset));

        /// <summary>Whether the object was read whole, with every property of <paramref name="required"/> (bits) in it, and
        /// nothing after it.</summary>
        public bool Done(int required) => !_failed && _ended && (_seen & required) == required && !_reader.Read();

        private bool Value(JsonTokenType expected)
        {
            if (_reader.Read() && _reader.TokenType == expected) return true;
            Fail(); // null, a nested value or another type: the serializer decides what it means
            return false;
        }

        private bool Fail()
        {
            _failed = true;
            return false;
        }

        private T FailWith<T>(T value)
        {
            Fail();
            return value;
        }
    }
}

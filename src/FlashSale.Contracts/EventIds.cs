using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using FlashSale.EventStore;

namespace FlashSale.Contracts;

/// <summary>
/// Event ids that identify their content: a name-based UUID (version 8) over XxHash128 of the stream, the revision the
/// event is appended at, its type, and the exact data and metadata bytes sent. EventStoreDB answers an append whose ids
/// equal those already stored after its expected revision as an idempotent success without comparing data, so only
/// the same bytes re-sent may share ids: a different decision at a taken revision must be a conflict. Metadata holds
/// the decision's time and correlation id, so a decision made again gets new ids even when its events look alike.
/// XxHash128 rather than SHA-1 (version 5): ids need no secrecy, and hashing is on the hottest path.
/// </summary>
public static class EventIds
{
    [ThreadStatic] private static XxHash128? _hasher;

    public static Guid Of(string streamId, long streamRevision, string type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata)
    {
        var hasher = _hasher ??= new XxHash128();
        hasher.Reset();
        AppendText(hasher, streamId);
        Span<byte> number = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(number, streamRevision);
        hasher.Append(number);
        AppendText(hasher, type);
        AppendBytes(hasher, data);
        AppendBytes(hasher, metadata);
        Span<byte> hash = stackalloc byte[16];
        hasher.GetHashAndReset(hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }

    /// <summary>The id the event's stored content calls for: equal to its id unless it was written by other means.</summary>
    public static Guid Of(RecordedEvent recorded) =>
        Of(recorded.StreamId, recorded.StreamRevision, recorded.Type, recorded.Data.Span, recorded.Metadata.Span);

    // Every field is length-prefixed, so no two different contents hash the same bytes.
    private static void AppendBytes(XxHash128 hasher, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hasher.Append(length);
        hasher.Append(bytes);
    }

    private static void AppendText(XxHash128 hasher, string text)
    {
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = size <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            AppendBytes(hasher, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

namespace FlashSale.ReadModels.Storage;

/// <summary>A stored table's column names and its primary key's columns in key order, as the database reports them.</summary>
public sealed record TableShape(IReadOnlyList<string> Columns, IReadOnlyList<string> Key);

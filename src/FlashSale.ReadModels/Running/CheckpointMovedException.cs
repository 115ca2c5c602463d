namespace FlashSale.ReadModels.Running;

/// <summary>Another writer (a rebuild's swap, a second process) changed the checkpoint: reload and resume from it.</summary>
public sealed class CheckpointMovedException(string projection)
    : Exception($"The checkpoint of projection '{projection}' was moved by another writer.");

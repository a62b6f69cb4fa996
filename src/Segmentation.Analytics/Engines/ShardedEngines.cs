namespace Segmentation.Analytics.Engines;

/// <summary>Helpers over <see cref="IShardedEngine"/> for code that takes any <see cref="ISqlEngine"/>.</summary>
public static class ShardedEngines
{
    /// <summary>The engine answering shard by shard when it is sharded (<see cref="IShardedEngine.PerShard"/>), else itself.</summary>
    public static ISqlEngine PerShard(ISqlEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine is IShardedEngine sharded ? sharded.PerShard : engine;
    }
}

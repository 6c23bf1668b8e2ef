// SPDX-License-Identifier: Apache-2.0
namespace Mip.Tests
{
    /// <summary>The jobs of the shared scenario, tests/emulator/scenario.json, that these tests use.</summary>
    internal static class Scenario
    {
        /// <summary>Half-way through a 3600 s job: Importing for the whole run; two file groups,
        /// 100000 + 50000 rows.</summary>
        internal const string ImportingJob = "448761313698322999";

        /// <summary>Completed: "1.parquet" (100000 rows, 3279917 bytes) and "a.npy b.npy" (50000 rows,
        /// 1000000 bytes). Its id is beyond a double's 53 bits.</summary>
        internal const string CompletedJob = "448761313698323001";

        /// <summary>Failed with <see cref="FailedReason"/>; Milvus flavor only (its cluster is its own).</summary>
        internal const string FailedJob = "448761313698323000";

        internal const string FailedReason = "the data file is corrupted";

        /// <summary>Never finishes: only a deadline, a cancellation or a callback ends a wait on it.</summary>
        internal const string EndlessJob = "448761313698322100";

        /// <summary>Completed, collection "elsewhere", only in the Milvus database <see cref="OtherDatabase"/>.</summary>
        internal const string OtherDatabaseJob = "448761313698322300";

        internal const string OtherDatabase = "otherdb";

        /// <summary>Not in the scenario: "not found".</summary>
        internal const string MissingJob = "448761313698399999";

        /// <summary>The emulator reads the request and never answers (fault-stall-anything alike).</summary>
        internal const string StalledJob = "fault-stall";
    }
}

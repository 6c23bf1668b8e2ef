// SPDX-License-Identifier: Apache-2.0
using System;

namespace Mip.Tests
{
    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to a sync context).</summary>
    internal sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> report;

        public SyncProgress(Action<T> report)
        {
            this.report = report;
        }

        public void Report(T value)
        {
            report(value);
        }
    }
}

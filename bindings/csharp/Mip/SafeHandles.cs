// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Mip
{
    /// <summary>Which native object a <see cref="MipSafeHandle"/> owns.</summary>
    internal enum HandleKind
    {
        Options = 0,
        Client = 1,
        Job = 2,
        Error = 3,
        Cancel = 4,
        Request = 5,
        JobList = 6,
    }

    /// <summary>
    /// Base of the handles that own a libmip object: NULL is invalid, and
    /// <see cref="SafeHandle.ReleaseHandle"/> calls the matching <c>mip_*_free</c> exactly once,
    /// after the last P/Invoke call using the handle has returned (SafeHandle's reference count).
    /// </summary>
    /// <remarks>
    /// Each kind keeps a count of the native objects currently owned, so tests can check that
    /// nothing is leaked.
    /// </remarks>
    internal abstract class MipSafeHandle : SafeHandle
    {
        private static readonly int[] live = new int[7];
        private readonly HandleKind kind;

        protected MipSafeHandle(IntPtr owned, HandleKind kind) : base(IntPtr.Zero, true)
        {
            this.kind = kind;
            if (owned != IntPtr.Zero)
            {
                SetHandle(owned);
                Interlocked.Increment(ref live[(int)kind]);
            }
        }

        /// <summary>NULL is the only invalid value.</summary>
        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        /// <summary>Frees the native object.</summary>
        protected sealed override bool ReleaseHandle()
        {
            Free(handle);
            Interlocked.Decrement(ref live[(int)kind]);
            return true;
        }

        /// <summary>The <c>mip_*_free</c> of this kind.</summary>
        protected abstract void Free(IntPtr h);

        /// <summary>Native objects of <paramref name="kind"/> owned by handles not yet released.</summary>
        internal static int LiveCount(HandleKind kind)
        {
            return Volatile.Read(ref live[(int)kind]);
        }

        /// <summary>Native objects of every kind owned by handles not yet released.</summary>
        internal static int LiveCount()
        {
            int n = 0;
            for (int i = 0; i < live.Length; i++) n += Volatile.Read(ref live[i]);
            return n;
        }
    }

    /// <summary>Owns a <c>mip_options</c>.</summary>
    internal sealed class OptionsHandle : MipSafeHandle
    {
        private OptionsHandle(IntPtr owned) : base(owned, HandleKind.Options) { }

        internal static OptionsHandle Create()
        {
            IntPtr o = NativeMethods.mip_options_new();
            if (o == IntPtr.Zero) throw new OutOfMemoryException("mip_options_new returned NULL");
            return new OptionsHandle(o);
        }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_options_free(h);
        }
    }

    /// <summary>Owns a <c>mip_client</c>.</summary>
    internal sealed class ClientHandle : MipSafeHandle
    {
        internal ClientHandle(IntPtr owned) : base(owned, HandleKind.Client) { }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_client_free(h);
        }
    }

    /// <summary>Owns a <c>mip_job</c> (one returned by a call, not one borrowed in a callback).</summary>
    internal sealed class JobHandle : MipSafeHandle
    {
        internal JobHandle(IntPtr owned) : base(owned, HandleKind.Job) { }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_job_free(h);
        }
    }

    /// <summary>Owns a <c>mip_error</c>.</summary>
    internal sealed class ErrorHandle : MipSafeHandle
    {
        internal ErrorHandle(IntPtr owned) : base(owned, HandleKind.Error) { }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_error_free(h);
        }
    }

    /// <summary>Owns a <c>mip_cancel</c>; <see cref="None"/> passes NULL ("not cancellable").</summary>
    internal sealed class CancelHandle : MipSafeHandle
    {
        /// <summary>A NULL token, for calls whose CancellationToken cannot be cancelled. Never disposed.</summary>
        internal static readonly CancelHandle None = new CancelHandle(IntPtr.Zero);

        private CancelHandle(IntPtr owned) : base(owned, HandleKind.Cancel) { }

        internal static CancelHandle Create()
        {
            IntPtr t = NativeMethods.mip_cancel_new();
            if (t == IntPtr.Zero) throw new OutOfMemoryException("mip_cancel_new returned NULL");
            return new CancelHandle(t);
        }

        /// <summary>mip_cancel_trigger; the marshaller keeps the token alive during the call.</summary>
        internal void Trigger()
        {
            NativeMethods.mip_cancel_trigger(this);
        }

        internal bool IsTriggered
        {
            get { return NativeMethods.mip_cancel_is_triggered(this) != 0; }
        }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_cancel_free(h);
        }
    }
}

namespace Mip
{
    /// <summary>Owns a <c>mip_import_request</c>.</summary>
    internal sealed class RequestHandle : MipSafeHandle
    {
        private RequestHandle(IntPtr owned) : base(owned, HandleKind.Request) { }

        internal static RequestHandle Create()
        {
            IntPtr r = NativeMethods.mip_import_request_new();
            if (r == IntPtr.Zero) throw new OutOfMemoryException("mip_import_request_new returned NULL");
            return new RequestHandle(r);
        }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_import_request_free(h);
        }
    }

    /// <summary>Owns a <c>mip_job_list</c>; its jobs are borrowed from it and copied out before it is freed.</summary>
    internal sealed class JobListHandle : MipSafeHandle
    {
        internal JobListHandle(IntPtr owned) : base(owned, HandleKind.JobList) { }

        protected override void Free(IntPtr h)
        {
            NativeMethods.mip_job_list_free(h);
        }
    }
}

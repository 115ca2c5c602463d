namespace FlashSale.Subscriptions.Status;

public enum FollowerState
{
    Starting,
    CatchingUp,
    Live,
    Faulted,
    Stopped,
}

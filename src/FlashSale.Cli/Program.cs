using FlashSale.Cli;
using FlashSale.Cli.Output;

return await CliApp.RunAsync(args, CliConsole.System());

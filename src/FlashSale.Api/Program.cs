using FlashSale.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddFlashSaleApi();

var app = builder.Build();
app.UseFlashSaleApi();
app.MapFlashSaleApi();

app.Run();

public partial class Program;

/* hello: the smallest VyomaOS app. It imports only stdout and streams. */
#include <vyoma.h>

int main(void)
{
	vy_line("hello from VyomaOS");
	return 0;
}

 138:	45 0f b6 50 20       	movzbl 0x20(%r8),%r10d
 13d:	45 85 d2             	test   %r10d,%r10d
 140:	0f 84 a6 04 00 00    	je     0x5ec
 146:	41 8b 58 10          	mov    0x10(%r8),%ebx
 14a:	45 8b 50 0c          	mov    0xc(%r8),%r10d
 14e:	47 8b 4c d4 0c       	mov    0xc(%r12,%r10,8),%r9d
 153:	45 8b 5c dc 0c       	mov    0xc(%r12,%rbx,8),%r11d
 158:	43 8b 7c cc 18       	mov    0x18(%r12,%r9,8),%edi
 15d:	45 0f b6 94 fc b0 00 	movzbl 0xb0(%r12,%rdi,8),%r10d
 164:	00 00
 166:	45 85 d2             	test   %r10d,%r10d
 169:	0f 85 a1 04 00 00    	jne    0x610
 16f:	89 5c 24 3c          	mov    %ebx,0x3c(%rsp)
 173:	89 4c 24 1c          	mov    %ecx,0x1c(%rsp)
 177:	48 89 74 24 30       	mov    %rsi,0x30(%rsp)
 17c:	4c 89 44 24 10       	mov    %r8,0x10(%rsp)
 181:	89 54 24 18          	mov    %edx,0x18(%rsp)
 185:	47 8b 44 cc 18       	mov    0x18(%r12,%r9,8),%r8d
 18a:	44 89 4c 24 24       	mov    %r9d,0x24(%rsp)
 18f:	47 0f b6 54 c4 58    	movzbl 0x58(%r12,%r8,8),%r10d
 195:	45 85 d2             	test   %r10d,%r10d
 198:	0f 85 a6 04 00 00    	jne    0x644
 19e:	43 8b 4c c4 60       	mov    0x60(%r12,%r8,8),%ecx
 1a3:	45 8b 54 cc 10       	mov    0x10(%r12,%rcx,8),%r10d
 1a8:	4d 8b ca             	mov    %r10,%r9
 1ab:	49 c1 e1 03          	shl    $0x3,%r9
 1af:	4c 3b ce             	cmp    %rsi,%r9
 1b2:	0f 85 14 03 00 00    	jne    0x4cc
 1b8:	41 c7 44 cc 0c 01 00 	movl   $0x1,0xc(%r12,%rcx,8)
 1bf:	00 00
